package io.github.racrec.onnx.serving;

import io.github.racrec.api.CatalogIndex;
import io.github.racrec.api.Encoder;
import io.github.racrec.api.Recommender;
import io.github.racrec.onnx.ContentRecommender;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consistent set of serving parts (encoder, RACRec towers, catalog) and the recommender made of
 * them, as a {@link RecommenderManager} swaps them in and out together. The set owns its parts:
 * closing it closes them, so give each set its own encoder, towers and catalog.
 *
 * <p>The factories check that the parts belong together before the set exists (the encoder the
 * model was trained with, a catalog of this model), so a mismatched set can never go live.
 *
 * <p>Thread-safety: safe for concurrent use; {@link #close()} is idempotent.
 */
public final class ServingSet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServingSet.class);

  private final String name;
  private final Recommender recommender;
  private final List<AutoCloseable> parts;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ServingSet(String name, Recommender recommender, List<AutoCloseable> parts) {
    this.name = name;
    this.recommender = recommender;
    this.parts = List.copyOf(parts);
  }

  /**
   * Makes a RACRec set; it owns the three parts.
   *
   * @param name a name for logs and for telling sets apart (a version, a date)
   * @param encoder the text encoder the model was trained with
   * @param towers the RACRec model
   * @param catalog a catalog of that model's item vectors
   * @return the set
   * @throws io.github.racrec.api.RacrecException with {@code MODEL_INCOMPATIBLE} or {@code
   *     CATALOG_MISMATCH} if the fingerprints do not agree
   */
  public static ServingSet racrec(
      String name, Encoder encoder, RacRecTowers towers, CatalogIndex catalog) {
    Objects.requireNonNull(name, "name");
    Recommender recommender = RacRecRecommender.create(encoder, towers, catalog);
    return new ServingSet(name, recommender, List.of(recommender, catalog, towers, encoder));
  }

  /**
   * Makes a content-similarity set; it owns both parts.
   *
   * @param name a name for logs and for telling sets apart
   * @param encoder the text encoder the catalog was built with
   * @param catalog the catalog
   * @return the set
   * @throws io.github.racrec.api.RacrecException with {@code CATALOG_MISMATCH} if the catalog was
   *     built with another encoder
   */
  public static ServingSet content(String name, Encoder encoder, CatalogIndex catalog) {
    Objects.requireNonNull(name, "name");
    Recommender recommender = ContentRecommender.create(encoder, catalog);
    return new ServingSet(name, recommender, List.of(recommender, catalog, encoder));
  }

  /**
   * Returns the set's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the recommender of this set.
   *
   * @return the recommender
   */
  public Recommender recommender() {
    return recommender;
  }

  /**
   * Returns whether the set has been closed.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  /** Closes the recommender and the parts, once; a failing part is logged and the rest closed. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Exception> failures = new ArrayList<>();
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    failures.forEach(e -> LOG.warn("closing serving set {}: a part failed to close", name, e));
  }

  @Override
  public String toString() {
    return "ServingSet[" + name + "]";
  }
}
