package io.github.racrec.training.eval;

import io.github.racrec.api.CountedReviews;
import io.github.racrec.api.Encoder;
import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.training.eval.EvalData.UserProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Puts a fitted evaluation model behind the {@link Recommender} API: the user's counted reviews are
 * encoded, the model scores every catalog item, and the best {@code k} are returned, with predicted
 * ratings where the model makes them.
 *
 * <p>Thread-safety: safe for concurrent use if the encoder is and the model's {@code score} is (the
 * baselines' are).
 *
 * <p>Ownership: borrows the encoder; {@link #close()} does not close it.
 */
public final class ModelRecommender implements Recommender {
  private final Encoder encoder;
  private final ColdStartModel model;
  private final TrainingData.Catalog catalog;
  private final Function<String, String> titles;
  private final ReviewWindow window;
  private final String modelFingerprint;
  private final String catalogFingerprint;
  private volatile boolean closed;

  /**
   * Wraps a fitted model.
   *
   * @param encoder the encoder whose vectors the model was fitted on
   * @param model the fitted model
   * @param catalog the catalog the model scores
   * @param titles item id to title (empty string if unknown)
   * @param window which of a user's reviews count
   */
  public ModelRecommender(
      Encoder encoder,
      ColdStartModel model,
      TrainingData.Catalog catalog,
      Function<String, String> titles,
      ReviewWindow window) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.model = Objects.requireNonNull(model, "model");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.titles = Objects.requireNonNull(titles, "titles");
    this.window = Objects.requireNonNull(window, "window");
    this.modelFingerprint = encoder.fingerprint() + "+" + model.name();
    this.catalogFingerprint = fingerprint(catalog);
  }

  @Override
  public List<Recommendation> recommend(
      List<Review> sourceReviews, int k, Set<String> excludedItemIds) {
    if (closed) {
      throw new IllegalStateException("the recommender is closed");
    }
    CountedReviews counted = CountedReviews.select(window, sourceReviews, k, excludedItemIds);
    float[] ratings = new float[counted.size()];
    for (int i = 0; i < ratings.length; i++) {
      ratings[i] = (float) counted.reviews().get(i).rating().orElse(Double.NaN);
    }
    float[][] vectors = encoder.encode(counted.texts());
    float[] mean = new float[encoder.dimension()];
    for (float[] vector : vectors) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += vector[j] / vectors.length;
      }
    }
    UserScores scores = model.score(new UserProfile("", vectors, ratings, mean));
    return top(scores, k, excludedItemIds);
  }

  @Override
  public void close() {
    closed = true;
  }

  private List<Recommendation> top(UserScores scores, int k, Set<String> excluded) {
    Set<Integer> skip = new HashSet<>();
    for (String id : excluded) {
      int index = catalog.indexOf(id);
      if (index >= 0) {
        skip.add(index);
      }
    }
    double[] s = scores.scores();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      if (!skip.contains(i)) {
        order.add(i);
      }
    }
    // Best first; equal scores in catalog (id) order, as CatalogIndex ranks them.
    order.sort((a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
    List<Recommendation> result = new ArrayList<>();
    for (int i : order.subList(0, Math.min(k, order.size()))) {
      String id = catalog.itemIds().get(i);
      OptionalDouble rating =
          scores.ratings().map(r -> OptionalDouble.of(r[i])).orElse(OptionalDouble.empty());
      result.add(
          new Recommendation(
              id,
              titles.apply(id),
              s[i],
              rating,
              Optional.empty(),
              modelFingerprint,
              catalogFingerprint));
    }
    return result;
  }

  private static String fingerprint(TrainingData.Catalog catalog) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < catalog.size(); i++) {
        sha.update(catalog.itemIds().get(i).getBytes(StandardCharsets.UTF_8));
        for (float value : catalog.vectors()[i]) {
          int bits = Float.floatToIntBits(value);
          sha.update(
              new byte[] {
                (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)
              });
        }
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
