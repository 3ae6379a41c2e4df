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
 * The RACRec recommender: a user's newest source-domain reviews go through the text encoder and the
 * RACRec user tower to a taste vector, which is scored against a catalog of item-tower vectors. One
 * user-tower pass and one catalog scan per query.
 *
 * <p>Items are ordered by the model's score: the rating head's prediction {@code taste . item}, or,
 * when the model blends in item terms ({@link RacRecManifest#blendsItemTerms()}), the selection
 * score of {@link ItemTermBlend}, which the catalog's extra components make one inner product. Each
 * recommendation carries that score, the predicted rating (the head's, or the blended one; plus
 * {@code globalBias}, clipped to the rating range) and an explanation. For linear user towers it is
 * exact: the taste is the mean of one term per review plus a constant, so the score is the sum of
 * one contribution per review plus an item term that is the same for every user (with item terms,
 * the review terms are scaled by the blend and the item term includes the item mean and popularity
 * parts). For towers with a hidden layer it is leave-one-review-out: a review's contribution is how
 * much the score drops without it, and the item term is the rest of the score (it then depends on
 * the user); this costs one more user-tower pass per query, with one row per counted review.
 *
 * <p>Thread-safety: safe for concurrent use (the encoder, towers and index are).
 *
 * <p>Ownership: borrows the encoder, towers and catalog; {@link #close()} does not close them.
 */
public final class RacRecRecommender implements Recommender {
  private final Encoder encoder;
  private final RacRecTowers towers;
  private final CatalogIndex catalog;
  private final ReviewWindow window;
  private final ItemTermBlend blend;
  private volatile boolean closed;

  private RacRecRecommender(Encoder encoder, RacRecTowers towers, CatalogIndex catalog) {
    this.encoder = encoder;
    this.towers = towers;
    this.catalog = catalog;
    this.window = new ReviewWindow(towers.manifest().reviewWindow());
    this.blend = towers.manifest().itemTerms();
  }

  /**
   * Creates the recommender after checking that the parts belong together.
   *
   * @param encoder the text encoder the model was trained with
   * @param towers the model
   * @param catalog a catalog of this model's item vectors
   * @return the recommender
   * @throws NullPointerException if an argument is null
   * @throws RacrecException with {@link ErrorCode#MODEL_INCOMPATIBLE} if the model was trained on
   *     another encoder's vectors, or {@link ErrorCode#CATALOG_MISMATCH} if the catalog was built
   *     for another model
   */
  public static RacRecRecommender create(
      Encoder encoder, RacRecTowers towers, CatalogIndex catalog) {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(towers, "towers");
    Objects.requireNonNull(catalog, "catalog");
    RacRecManifest manifest = towers.manifest();
    if (!manifest.encoderFingerprint().equals(encoder.fingerprint())
        || manifest.inputDimension() != encoder.dimension()) {
      throw new RacrecException(
          ErrorCode.MODEL_INCOMPATIBLE,
          "the RACRec model was trained on vectors of encoder "
              + manifest.encoderFingerprint()
              + " ("
              + manifest.inputDimension()
              + "-d), but the encoder is "
              + encoder.fingerprint()
              + " ("
              + encoder.dimension()
              + "-d): use the encoder the model was trained with");
    }
    if (!catalog.modelFingerprint().equals(towers.modelFingerprint())
        || catalog.dimension() != manifest.catalogDimension()) {
      throw new RacrecException(
          ErrorCode.CATALOG_MISMATCH,
          "the catalog was built for model "
              + catalog.modelFingerprint()
              + " ("
              + catalog.dimension()
              + "-d), not for "
              + towers.modelFingerprint()
              + " ("
              + manifest.catalogDimension()
              + "-d): rebuild the catalog with this model");
    }
    return new RacRecRecommender(encoder, towers, catalog);
  }

  @Override
  public List<Recommendation> recommend(
      List<Review> sourceReviews, int k, Set<String> excludedItemIds) {
    if (closed) {
      throw new IllegalStateException("the recommender is closed");
    }
    CountedReviews counted = CountedReviews.select(window, sourceReviews, k, excludedItemIds);
    float[][] reviewVectors = encoder.encode(counted.texts());
    UserTaste taste = towers.userTaste(reviewVectors);
    RacRecManifest manifest = towers.manifest();
    float[] query = blend == null ? taste.taste() : blend.query(taste.taste());
    List<ScoredItem> hits = catalog.search(query, k, excludedItemIds);
    float[][] without =
        manifest.linearUserTower() ? null : towers.tastesWithoutEachReview(reviewVectors);
    List<Recommendation> recommendations = new ArrayList<>(hits.size());
    for (ScoredItem hit : hits) {
      CatalogItem item = catalog.item(hit.ordinal());
      float[] vector = catalog.vector(hit.ordinal());
      double rawRating =
          blend == null
              ? hit.score() + manifest.globalBias()
              : blend.rating(taste.taste(), vector, manifest.globalBias());
      double rating = Math.max(manifest.ratingMin(), Math.min(manifest.ratingMax(), rawRating));
      Optional<Explanation> explanation =
          Optional.of(
              manifest.linearUserTower()
                  ? explain(counted.indices(), taste, vector)
                  : explainByLeavingOut(counted.indices(), hit.score(), without, vector));
      recommendations.add(
          new Recommendation(
              item.id(),
              item.title(),
              hit.score(),
              OptionalDouble.of(rating),
              explanation,
              towers.modelFingerprint(),
              catalog.fingerprint()));
    }
    return recommendations;
  }

  /** Marks the recommender closed; its parts stay open. */
  @Override
  public void close() {
    closed = true;
  }

  private Explanation explain(List<Integer> counted, UserTaste taste, float[] item) {
    List<ReviewContribution> terms = new ArrayList<>(counted.size());
    for (int r = 0; r < counted.size(); r++) {
      terms.add(
          new ReviewContribution(
              counted.get(r), ratingTerm(taste.reviewTerms()[r], item) / counted.size()));
    }
    return new Explanation(terms, ratingTerm(taste.biasTerm(), item) + itemPart(item));
  }

  /** A taste term's share of the score: its inner product with the item, scaled by the blend. */
  private double ratingTerm(float[] tasteTerm, float[] item) {
    return blend == null ? Vectors.dot(tasteTerm, item) : blend.tastePart(tasteTerm, item);
  }

  /** The share of the score that no taste term enters: the blended item terms. */
  private double itemPart(float[] item) {
    return blend == null ? 0 : blend.itemPart(item);
  }

  private Explanation explainByLeavingOut(
      List<Integer> counted, double score, float[][] tastesWithout, float[] item) {
    List<ReviewContribution> terms = new ArrayList<>(counted.size());
    double attributed = 0;
    for (int r = 0; r < counted.size(); r++) {
      double contribution = score - (ratingTerm(tastesWithout[r], item) + itemPart(item));
      terms.add(new ReviewContribution(counted.get(r), contribution));
      attributed += contribution;
    }
    return new Explanation(terms, score - attributed);
  }
}
