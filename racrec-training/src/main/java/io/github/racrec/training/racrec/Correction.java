package io.github.racrec.training.racrec;

/**
 * One correction of a flaw of the original RACRec model; {@link Corrections} says which are on.
 *
 * <p>Thread-safety: immutable.
 */
public enum Correction {
  /**
   * The domain classifier minimises its error and the encoders get the reversed gradient, scaled by
   * the DANN schedule {@code 2 / (1 + exp(-10 p)) - 1} over training progress p. The original has
   * every weight maximise the classifier's error, a term with no lower bound.
   */
  GRADIENT_REVERSAL,

  /**
   * L_diff is the squared cosine of shared and specific vectors (soft orthogonality). The
   * original's signed cosine is least when they are opposite, not unrelated.
   */
  ORTHOGONAL_DIFFERENCE,

  /**
   * Every training pair is also predicted by the cold-start path {@code [E_c(u_s), E_t(0)] .
   * E_p(i_t)}, and that error is half of L_pred. The original trains only the path from target
   * reviews, which a cold-start user does not have, and serves the other.
   */
  COLD_START_PATH,

  /**
   * The rated (user, item) review is taken out of the user's target mean and of the item's vector;
   * ratings of items no other review describes are skipped. The original reads the answer's text
   * from both inputs.
   */
  EXCLUDE_OWN_REVIEW,

  /**
   * Predictions add an item bias linear in the item vector (its constant starts at the global mean)
   * and a user bias linear in the source vector; served predictions are clipped to 1-5. Without
   * them the dot product has to produce about 4 stars on its own.
   */
  RATING_BIASES,

  /**
   * Each training pair is also compared with an item the user did not rate, drawn uniformly: a BPR
   * loss on the cold-start interaction score (without biases), weighted by {@link
   * RacRecConfig#rankingWeight()}. Ratings exist only for items users chose, so without it the
   * model never learns what they pass over, which is what a top-10 list is about. Not in the
   * original's list of flaws; added because Protocol B measures exactly this.
   */
  UNRATED_ITEMS,

  /**
   * The predicted rating is {@code mu * head + (1 - mu) * m_i}, the rating head blended with the
   * item's shrunk mean rating; {@code mu} and the shrinkage are chosen on the validation users (see
   * {@link ItemTermChoice}). With little data the head lands below the item mean; this lets the
   * model fall back to it. Not in the original's list of flaws; added because the item mean
   * predicted stars better on the real samples.
   */
  ITEM_MEAN_SHRINKAGE,

  /**
   * Items are ordered by a selection score, {@code lambda * rating + (1 - lambda) * log(1 + n_i)}
   * with {@code n_i} the item's review count, instead of by the predicted rating alone; {@code
   * lambda} is chosen on the validation users (see {@link ItemTermChoice}). A rating says how much
   * a user will like an item, not whether they will pick it; popularity says the second. Not in the
   * original's list of flaws; added because without it the model ranked below "most popular".
   */
  POPULARITY_PRIOR
}
