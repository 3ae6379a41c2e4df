package io.github.racrec.onnx;

import io.github.racrec.api.CatalogIndex;
import io.github.racrec.api.CatalogItem;
import io.github.racrec.api.CountedReviews;
import io.github.racrec.api.Encoder;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.Explanation;
import io.github.racrec.api.RacrecException;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewContribution;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.api.ScoredItem;
import io.github.racrec.onnx.internal.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The content baseline: a user is the mean of their counted review vectors, an item is the vector
 * its catalog holds (the mean of its own review vectors), and the score is their cosine.
 *
 * <p>It needs no training, so it works as soon as a catalog is built, and it sets the bar a learned
 * transfer model has to clear. The catalog's vectors must have unit length (the catalog builder
 * writes them so); the user vector is scaled to unit length here, so scores are cosines.
 *
 * <p>Explanations are exact: with {@code u = (v_1 + ... + v_n) / |v_1 + ... + v_n|}, the score
 * {@code u . i} is the sum of the per-review terms {@code (v_r . i) / |v_1 + ... + v_n|}, and the
 * item term is 0.
 *
 * <p>Thread-safety: safe for concurrent use if the encoder and index are (racrec's are).
 *
 * <p>Ownership: borrows the encoder and the index; {@link #close()} does not close them.
 */
public final class ContentRecommender implements Recommender {
  private final Encoder encoder;
  private final CatalogIndex catalog;
  private final ReviewWindow window;
  private volatile boolean closed;

  private ContentRecommender(Encoder encoder, CatalogIndex catalog, ReviewWindow window) {
    this.encoder = encoder;
    this.catalog = catalog;
    this.window = window;
  }

  /**
   * Creates a content recommender with the default window (the newest 10 reviews count).
   *
   * @param encoder the encoder that built the catalog
   * @param catalog the catalog of target items
   * @return the recommender
   * @throws NullPointerException if an argument is null
   * @throws RacrecException with {@link ErrorCode#CATALOG_MISMATCH} if the catalog was built with
   *     another model or has another dimension
   */
  public static ContentRecommender create(Encoder encoder, CatalogIndex catalog) {
    return create(encoder, catalog, ReviewWindow.DEFAULT);
  }

  /**
   * Creates a content recommender.
   *
   * @param encoder the encoder that built the catalog
   * @param catalog the catalog of target items
   * @param window which of a user's reviews count
   * @return the recommender
   * @throws NullPointerException if an argument is null
   * @throws RacrecException with {@link ErrorCode#CATALOG_MISMATCH} if the catalog was built with
   *     another model or has another dimension
   */
  public static ContentRecommender create(
      Encoder encoder, CatalogIndex catalog, ReviewWindow window) {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(window, "window");
    if (catalog.dimension() != encoder.dimension()
        || !catalog.modelFingerprint().equals(encoder.fingerprint())) {
      throw new RacrecException(
          ErrorCode.CATALOG_MISMATCH,
          "the catalog was built with model "
              + catalog.modelFingerprint()
              + " ("
              + catalog.dimension()
              + "-d), but the encoder is "
              + encoder.fingerprint()
              + " ("
              + encoder.dimension()
              + "-d): rebuild the catalog with this encoder");
    }
    return new ContentRecommender(encoder, catalog, window);
  }

  @Override
  public List<Recommendation> recommend(
      List<Review> sourceReviews, int k, Set<String> excludedItemIds) {
    if (closed) {
      throw new IllegalStateException("the recommender is closed");
    }
    CountedReviews counted = CountedReviews.select(window, sourceReviews, k, excludedItemIds);
    float[][] reviewVectors = encoder.encode(counted.texts());
    float[] user = new float[encoder.dimension()];
    for (float[] vector : reviewVectors) {
      for (int j = 0; j < user.length; j++) {
        user[j] += vector[j];
      }
    }
    double norm = Math.sqrt(Vectors.dot(user, user));
    if (norm == 0) {
      throw new RacrecException(
          ErrorCode.INVALID_INPUT, "the reviews' vectors cancel out: there is no taste to match");
    }
    for (int j = 0; j < user.length; j++) {
      user[j] /= (float) norm;
    }
    List<ScoredItem> hits = catalog.search(user, k, excludedItemIds);
    List<Recommendation> recommendations = new ArrayList<>(hits.size());
    for (ScoredItem hit : hits) {
      CatalogItem item = catalog.item(hit.ordinal());
      recommendations.add(
          new Recommendation(
              item.id(),
              item.title(),
              hit.score(),
              OptionalDouble.empty(),
              Optional.of(
                  explain(counted.indices(), reviewVectors, catalog.vector(hit.ordinal()), norm)),
              encoder.fingerprint(),
              catalog.fingerprint()));
    }
    return recommendations;
  }

  /** Marks the recommender closed; the encoder and the catalog stay open. */
  @Override
  public void close() {
    closed = true;
  }

  private static Explanation explain(
      List<Integer> counted, float[][] reviewVectors, float[] item, double norm) {
    List<ReviewContribution> terms = new ArrayList<>(counted.size());
    for (int r = 0; r < counted.size(); r++) {
      terms.add(new ReviewContribution(counted.get(r), Vectors.dot(reviewVectors[r], item) / norm));
    }
    return new Explanation(terms, 0.0);
  }
}
