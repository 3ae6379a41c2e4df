package io.github.racrec.training.demo;

import java.util.Random;

/**
 * The Dirichlet and Gamma draws behind the demo worlds' tastes.
 *
 * <p>Written here rather than taken from Apache Commons RNG on purpose: every generated world
 * (demo-v1, demo-tune-v1, the control, synthetic-v1) is versioned by its bytes, and every committed
 * evaluation depends on them. Commons RNG 1.6 draws Gamma below shape 1 with Ahrens-Dieter's
 * algorithm GS (ours: Marsaglia-Tsang with the shape boost, as the worlds were made) and its
 * normals with a built-in ziggurat sampler instead of {@code Random.nextGaussian}; a trial switch
 * to its {@code DirichletSampler} on the same {@code java.util.Random} matched none of 10,000
 * Gamma(0.3) draws and changed every user of every world (demo-v1: 4,925 / 2,936 movie / music
 * reviews became 4,787 / 3,015). Switching is a new world version, not a refactoring.
 *
 * <p>Thread-safety: stateless; each call uses only the given {@code Random}.
 */
final class TasteDraws {
  private TasteDraws() {}

  /**
   * A symmetric Dirichlet draw: {@code size} Gamma(alpha, 1) values, normalised to sum to 1.
   *
   * @param random the generator's source of draws
   * @param size the number of components
   * @param alpha the concentration
   * @return the proportions
   */
  static double[] dirichlet(Random random, int size, double alpha) {
    double[] values = new double[size];
    double sum = 0;
    for (int i = 0; i < size; i++) {
      values[i] = gamma(random, alpha);
      sum += values[i];
    }
    for (int i = 0; i < size; i++) {
      values[i] /= sum;
    }
    return values;
  }

  /** Gamma(alpha, 1) by Marsaglia and Tsang, boosted for alpha below 1. */
  static double gamma(Random random, double alpha) {
    if (alpha < 1) {
      return gamma(random, alpha + 1) * StrictMath.pow(random.nextDouble(), 1 / alpha);
    }
    double d = alpha - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
        return Math.max(d * v, Double.MIN_NORMAL);
      }
    }
  }
}
