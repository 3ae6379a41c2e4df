package io.github.racrec.training.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * A model's answer for one user: a ranking score per catalog item (higher is better) and, for
 * models that predict ratings, a predicted rating per item.
 *
 * <p>Thread-safety: immutable by convention (arrays are not copied; do not modify them).
 *
 * @param scores one ranking score per catalog item
 * @param ratings one predicted rating per catalog item, if the model predicts ratings
 */
public record UserScores(double[] scores, Optional<double[]> ratings) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public UserScores {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(ratings, "ratings");
  }

  /**
   * Returns scores without ratings.
   *
   * @param scores the ranking scores
   * @return the user's scores
   */
  public static UserScores ranking(double[] scores) {
    return new UserScores(scores, Optional.empty());
  }

  /**
   * Returns scores with ratings.
   *
   * @param scores the ranking scores
   * @param ratings the predicted ratings
   * @return the user's scores
   */
  public static UserScores withRatings(double[] scores, double[] ratings) {
    return new UserScores(scores, Optional.of(ratings));
  }
}
