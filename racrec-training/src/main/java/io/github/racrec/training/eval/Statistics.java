package io.github.racrec.training.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** The statistics behind each {@link Metric}, computed over users pooled across seeds. */
final class Statistics {
  private Statistics() {}

  static ToDoubleFunction<List<List<UserResult>>> of(Metric metric, int[] catalogSizes) {
    return switch (metric) {
      case RMSE -> bySeed -> Math.sqrt(meanOverRatings(bySeed, (p, a) -> (p - a) * (p - a)));
      case MAE -> bySeed -> meanOverRatings(bySeed, (p, a) -> Math.abs(p - a));
      case AUC -> Statistics::meanAucOverSeeds;
      case HR_SAMPLED -> mean(UserResult::hrSampled);
      case NDCG_SAMPLED -> mean(UserResult::ndcgSampled);
      case MRR_SAMPLED -> mean(UserResult::mrrSampled);
      case HR_FULL -> mean(UserResult::hrFull);
      case NDCG_FULL -> mean(UserResult::ndcgFull);
      case RECALL_FULL -> mean(UserResult::recallFull);
      case COVERAGE -> bySeed -> coverage(bySeed, catalogSizes);
    };
  }

  /**
   * Returns how the metric's value under a uniformly random ranking is obtained: exactly 0.5 for
   * AUC (random scores order a positive above a negative half the time), the mean of each test
   * user's exact expectation for the per-user ranking metrics, and none for the rating errors (they
   * have no random ranking) and coverage (a population statistic without a per-user expectation).
   *
   * @param metric the metric
   * @return how its random rate is obtained, or empty where none is reported
   */
  static Optional<RandomRate> randomRate(Metric metric) {
    return switch (metric) {
      case RMSE, MAE, COVERAGE -> Optional.empty();
      case AUC -> Optional.of(new RandomRate.Exact(0.5));
      case HR_SAMPLED -> meanOverUsers(RandomExpectation::hrSampled);
      case NDCG_SAMPLED -> meanOverUsers(RandomExpectation::ndcgSampled);
      case MRR_SAMPLED -> meanOverUsers(RandomExpectation::mrrSampled);
      case HR_FULL -> meanOverUsers(RandomExpectation::hrFull);
      case NDCG_FULL -> meanOverUsers(RandomExpectation::ndcgFull);
      case RECALL_FULL -> meanOverUsers(RandomExpectation::recallFull);
    };
  }

  private static Optional<RandomRate> meanOverUsers(ToDoubleFunction<RandomExpectation> perUser) {
    return Optional.of(new RandomRate.MeanOverUsers(perUser));
  }

  private static ToDoubleFunction<List<List<UserResult>>> mean(ToDoubleFunction<UserResult> f) {
    return bySeed -> {
      double sum = 0;
      int n = 0;
      for (List<UserResult> results : bySeed) {
        for (UserResult result : results) {
          sum += f.applyAsDouble(result);
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    };
  }

  private interface PairFunction {
    double apply(double predicted, double actual);
  }

  private static double meanOverRatings(List<List<UserResult>> bySeed, PairFunction f) {
    double sum = 0;
    long n = 0;
    for (List<UserResult> results : bySeed) {
      for (UserResult result : results) {
        for (int i = 0; i < result.actual().length; i++) {
          sum += f.apply(result.predicted()[i], result.actual()[i]);
          n++;
        }
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Pointwise AUC per split (all test ratings of the split pooled, as the original work computed
   * it), averaged over splits. Pooling across splits would compare predictions of differently
   * fitted models.
   */
  private static double meanAucOverSeeds(List<List<UserResult>> bySeed) {
    double sum = 0;
    int n = 0;
    for (List<UserResult> results : bySeed) {
      double auc = auc(results);
      if (!Double.isNaN(auc)) {
        sum += auc;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Mann-Whitney AUC of predictions for ratings of 4 or more against the rest; ties count half. */
  static double auc(List<UserResult> results) {
    List<double[]> pairs = new ArrayList<>();
    for (UserResult result : results) {
      for (int i = 0; i < result.actual().length; i++) {
        pairs.add(new double[] {result.predicted()[i], result.actual()[i] >= 4 ? 1 : 0});
      }
    }
    double[][] sorted = pairs.toArray(double[][]::new);
    Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < sorted.length) {
      int j = i;
      while (j < sorted.length && sorted[j][0] == sorted[i][0]) {
        j++;
      }
      double averageRank = (i + 1 + j) / 2.0;
      for (int t = i; t < j; t++) {
        if (sorted[t][1] == 1) {
          rankSumPositive += averageRank;
          positives++;
        }
      }
      i = j;
    }
    long negatives = sorted.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  private static double coverage(List<List<UserResult>> bySeed, int[] catalogSizes) {
    double sum = 0;
    for (int s = 0; s < bySeed.size(); s++) {
      Set<Integer> shown = new HashSet<>();
      for (UserResult result : bySeed.get(s)) {
        for (int item : result.topK()) {
          shown.add(item);
        }
      }
      sum += (double) shown.size() / catalogSizes[s];
    }
    return sum / bySeed.size();
  }
}
