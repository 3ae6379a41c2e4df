package io.github.racrec.api;

/**
 * How much one of the user's reviews moved the score of a recommended item.
 *
 * <p>Thread-safety: immutable.
 *
 * @param reviewIndex the position of the review in the list passed to {@link
 *     Recommender#recommend(java.util.List, int)}
 * @param contribution the review's share of the score; positive pushes the item up
 */
public record ReviewContribution(int reviewIndex, double contribution) {

  /**
   * Checks the components.
   *
   * @param reviewIndex the position of the review in the list passed to {@link
   *     Recommender#recommend(java.util.List, int)}
   * @param contribution the review's share of the score; positive pushes the item up
   * @throws IllegalArgumentException if {@code reviewIndex} is negative
   */
  public ReviewContribution {
    if (reviewIndex < 0) {
      throw new IllegalArgumentException("reviewIndex must not be negative, got " + reviewIndex);
    }
  }
}
