package io.github.racrec.benchmarks.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Medians of interleaved rounds, where engines are compared round by round. */
final class PairedRounds {
  private PairedRounds() {}

  /** The median over rounds of a's value over b's in the same round. */
  static double medianRatio(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    return median(ratios);
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
