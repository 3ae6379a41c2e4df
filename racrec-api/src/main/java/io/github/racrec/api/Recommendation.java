package io.github.racrec.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One recommended item, with its score and, where the model provides them, a predicted rating and
 * an explanation.
 *
 * <p>A list of recommendations is ranked best first. Scores are comparable within one list; across
 * models they are not.
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId the recommended item's id
 * @param title the item's title; empty when unknown
 * @param score the ranking score, higher is better
 * @param predictedRating the rating the user would give, on the catalog's rating scale, if the
 *     model predicts ratings
 * @param explanation which of the user's reviews moved this item, if the model can say
 * @param modelFingerprint the fingerprint of the model (encoder and, where used, transfer model)
 *     that scored the item
 * @param catalogFingerprint the fingerprint of the catalog the item came from
 */
public record Recommendation(
    String itemId,
    String title,
    double score,
    OptionalDouble predictedRating,
    Optional<Explanation> explanation,
    String modelFingerprint,
    String catalogFingerprint) {

  /**
   * Checks the components.
   *
   * @param itemId the recommended item's id
   * @param title the item's title; empty when unknown
   * @param score the ranking score, higher is better
   * @param predictedRating the rating the user would give, on the catalog's rating scale, if the
   *     model predicts ratings
   * @param explanation which of the user's reviews moved this item, if the model can say
   * @param modelFingerprint the fingerprint of the model (encoder and, where used, transfer model)
   *     that scored the item
   * @param catalogFingerprint the fingerprint of the catalog the item came from
   * @throws NullPointerException if any component is null
   */
  public Recommendation {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(predictedRating, "predictedRating");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(modelFingerprint, "modelFingerprint");
    Objects.requireNonNull(catalogFingerprint, "catalogFingerprint");
  }
}
