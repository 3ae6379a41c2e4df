package io.github.racrec.training.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap over test users: each replicate draws, within every seed's split, as many
 * users as it has, with replacement, and recomputes the statistic on the pooled draw.
 */
final class Bootstrap {
  private Bootstrap() {}

  static Estimate estimate(
      List<List<UserResult>> bySeed,
      ToDoubleFunction<List<List<UserResult>>> statistic,
      int replicates,
      long seed) {
    double value = statistic.applyAsDouble(bySeed);
    int users = bySeed.stream().mapToInt(List::size).sum();
    if (Double.isNaN(value) || replicates == 0) {
      return new Estimate(value, value, value, users);
    }
    Random random = new Random(seed);
    double[] draws = new double[replicates];
    int valid = 0;
    for (int r = 0; r < replicates; r++) {
      List<List<UserResult>> sample = new ArrayList<>(bySeed.size());
      for (List<UserResult> results : bySeed) {
        List<UserResult> drawn = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
          drawn.add(results.get(random.nextInt(results.size())));
        }
        sample.add(drawn);
      }
      double x = statistic.applyAsDouble(sample);
      if (!Double.isNaN(x)) {
        draws[valid++] = x;
      }
    }
    double[] sorted = Arrays.copyOf(draws, valid);
    Arrays.sort(sorted);
    return new Estimate(value, percentile(sorted, 0.025), percentile(sorted, 0.975), users);
  }

  private static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }
}
