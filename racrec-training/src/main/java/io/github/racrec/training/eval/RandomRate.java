package io.github.racrec.training.eval;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * How a metric's value under a uniformly random ranking is obtained (see {@link
 * Statistics#randomRate}).
 *
 * <p>Thread-safety: immutable.
 */
sealed interface RandomRate {

  /**
   * Returns the rate over the test users of every split.
   *
   * @param bySeed each split's test users' expectations
   * @return the rate, or empty where no user gives one
   */
  OptionalDouble over(List<List<RandomExpectation>> bySeed);

  /**
   * A rate known exactly whatever the split, e.g. 0.5 for AUC.
   *
   * @param value the rate
   */
  record Exact(double value) implements RandomRate {
    @Override
    public OptionalDouble over(List<List<RandomExpectation>> bySeed) {
      return OptionalDouble.of(value);
    }
  }

  /**
   * The mean over test users, pooled across splits, of a per-user expectation, as the metric itself
   * is a mean over users.
   *
   * @param perUser the user's expectation of the metric
   */
  record MeanOverUsers(ToDoubleFunction<RandomExpectation> perUser) implements RandomRate {
    @Override
    public OptionalDouble over(List<List<RandomExpectation>> bySeed) {
      double sum = 0;
      int n = 0;
      for (List<RandomExpectation> users : bySeed) {
        for (RandomExpectation user : users) {
          sum += perUser.applyAsDouble(user);
          n++;
        }
      }
      return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }
  }
}
