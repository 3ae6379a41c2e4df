package io.github.racrec.onnx.internal;

/**
 * Small vector arithmetic for racrec's recommenders: off the hot path (the catalog scan has its own
 * kernels), so plain loops that add in {@code double}.
 *
 * <p>Thread-safety: stateless.
 */
public final class Vectors {
  private Vectors() {}

  /**
   * Returns the inner product of two vectors, summed in {@code double}.
   *
   * @param a one vector
   * @param b another of at least {@code a.length} components; only the first {@code a.length} count
   * @return the sum of {@code a[i] * b[i]}
   */
  public static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
