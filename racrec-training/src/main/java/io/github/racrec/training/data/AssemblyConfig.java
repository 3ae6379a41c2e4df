package io.github.racrec.training.data;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;

/**
 * Which users a cross-domain dataset calls overlapping: those with at least {@code
 * minSourceReviews} source-domain and {@code minTargetReviews} target-domain reviews (counted after
 * de-duplicating (user, item) pairs).
 *
 * <p>Target-domain reviews of other users are kept too (unless {@code keepOtherTargetUsers} is
 * false): they make the item vectors, while only overlapping users are trained and evaluated on.
 *
 * <p>Thread-safety: immutable.
 *
 * @param minSourceReviews fewest source reviews of an overlapping user, at least 1
 * @param minTargetReviews fewest target reviews of an overlapping user, at least 1
 * @param keepOtherTargetUsers whether to keep the target reviews of users who do not overlap
 */
public record AssemblyConfig(
    int minSourceReviews, int minTargetReviews, boolean keepOtherTargetUsers) {

  /**
   * Checks the thresholds.
   *
   * @throws RacrecException with {@link ErrorCode#INVALID_ARGUMENT} if a threshold is below 1
   */
  public AssemblyConfig {
    if (minSourceReviews < 1 || minTargetReviews < 1) {
      throw new RacrecException(
          ErrorCode.INVALID_ARGUMENT,
          "review thresholds must be at least 1, got source "
              + minSourceReviews
              + " and target "
              + minTargetReviews);
    }
  }

  /**
   * Returns the thresholds of the original work: at least 10 source (movie) and 5 target (music)
   * reviews.
   *
   * @return the original thresholds
   */
  public static AssemblyConfig original() {
    return new AssemblyConfig(10, 5, true);
  }

  /**
   * Returns thresholds of 1 and 1: every user with reviews in both domains overlaps.
   *
   * @return the loosest thresholds
   */
  public static AssemblyConfig anyOverlap() {
    return new AssemblyConfig(1, 1, true);
  }
}
