package io.github.racrec.training.eval.models;

/** Small vector helpers for the baselines. */
final class Vectors {
  private Vectors() {}

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }

  static float[] unit(float[] a) {
    double norm = norm(a);
    float[] unit = new float[a.length];
    if (norm > 0) {
      for (int i = 0; i < a.length; i++) {
        unit[i] = (float) (a[i] / norm);
      }
    }
    return unit;
  }

  static float[][] units(float[][] rows) {
    float[][] units = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      units[i] = unit(rows[i]);
    }
    return units;
  }

  static double clipRating(double rating) {
    return Math.max(1, Math.min(5, rating));
  }
}
