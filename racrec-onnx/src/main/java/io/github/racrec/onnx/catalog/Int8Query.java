package io.github.racrec.onnx.catalog;

/**
 * A query rounded to small integers for scanning an int8 catalog: the kernels then multiply 16-bit
 * integers and sum exactly, with no byte-to-float conversion in the inner loop (that conversion
 * made the int8 scan compute-bound).
 *
 * <p>Two bounds hold for every query:
 *
 * <ul>
 *   <li>each component lies in {@code [-127, 127]}, so the sum of two products with stored
 *       components ({@code -128 <= x <= 127}; racrec writes at most 127 in magnitude, but a file
 *       from elsewhere may hold -128) fits a signed 16-bit integer;
 *   <li>{@code 128 * sum |component|} is below 2<sup>24</sup>, so every partial sum with any row is
 *       an integer that a float32 holds exactly. A batch, which sums in float32 in another order,
 *       therefore gets the single search's integer sums bit for bit. Typical (roughly Gaussian)
 *       queries of up to about 5,000 dimensions keep the full 127 steps; flat queries from about
 *       1,000 dimensions and longer ones get coarser steps, and recall there has not been measured.
 * </ul>
 *
 * <p>The rounding error only chooses candidates: an int8 search re-scores its best candidates with
 * the float32 vectors (see {@link ExactCatalogIndex}).
 *
 * <p>Thread-safety: immutable once built.
 */
final class Int8Query {
  /**
   * The largest component: a product with a stored byte is at most 128 x 127 = 16,256, so the
   * kernel can add two products in a short before widening.
   */
  static final int MAX_COMPONENT = 127;

  /** The largest magnitude of a stored int8 component. */
  private static final long MAX_STORED = 128;

  /** Integers below this magnitude are exact in float32. */
  static final long EXACT_FLOAT_SUM = 1L << 24;

  final short[] components;

  /** What one integer step of the query is worth: {@code query[j] ~ components[j] * scale}. */
  final float scale;

  private Int8Query(short[] components, float scale) {
    this.components = components;
    this.scale = scale;
  }

  static Int8Query of(float[] query) {
    float max = 0f;
    for (float v : query) {
      max = Math.max(max, Math.abs(v));
    }
    short[] components = new short[query.length];
    if (max == 0f) {
      return new Int8Query(components, 0f);
    }
    // In double, and components clamped: a subnormal maximum would otherwise round coarsely.
    double factor = MAX_COMPONENT / (double) max;
    long worstSum = round(query, factor, components);
    while (worstSum >= EXACT_FLOAT_SUM) {
      // Coarser steps until the largest possible sum is exact; 10 % spare absorbs the rounding.
      factor *= 0.9 * EXACT_FLOAT_SUM / worstSum;
      worstSum = round(query, factor, components);
    }
    return new Int8Query(components, (float) (1 / factor));
  }

  /** Rounds {@code query * factor} into {@code out}; returns the largest |sum| with any row. */
  private static long round(float[] query, double factor, short[] out) {
    long magnitude = 0;
    for (int j = 0; j < query.length; j++) {
      long rounded = Math.round(query[j] * factor);
      out[j] = (short) Math.max(-MAX_COMPONENT, Math.min(MAX_COMPONENT, rounded));
      magnitude += Math.abs(out[j]);
    }
    return MAX_STORED * magnitude;
  }

  /** The components as floats: what a batch multiplies the rows' integers by. */
  float[] componentsAsFloats() {
    float[] floats = new float[components.length];
    for (int j = 0; j < floats.length; j++) {
      floats[j] = components[j];
    }
    return floats;
  }
}
