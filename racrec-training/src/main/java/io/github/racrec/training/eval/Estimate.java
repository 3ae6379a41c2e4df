package io.github.racrec.training.eval;

/**
 * A metric's value with its 95 % bootstrap confidence interval.
 *
 * <p>Thread-safety: immutable.
 *
 * @param value the metric on all test users
 * @param low the 2.5th percentile of the bootstrap replicates
 * @param high the 97.5th percentile
 * @param users the test users it is computed over (pooled across seeds)
 */
public record Estimate(double value, double low, double high, int users) {

  /**
   * Returns whether the interval contains a value.
   *
   * @param x the value
   * @return {@code true} if {@code low <= x <= high}
   */
  public boolean covers(double x) {
    return low <= x && x <= high;
  }

  /**
   * Returns whether the two intervals do not overlap.
   *
   * @param other the other estimate
   * @return {@code true} if one interval lies entirely above the other
   */
  public boolean separatedFrom(Estimate other) {
    return low > other.high || high < other.low;
  }
}
