package io.github.racrec.onnx.catalog;

/**
 * A query rounded to small integers for scanning an int8 catalog: the kernels then multiply 16-bit
 * integers and sum exactly, with no byte-to-float conversion in the inner loop (that conversion
 * made the int8 scan compute-bound). Components lie in {@code [-limit, limit]} with {@code limit}
 * at most 255, so that every product with a stored component ({@code -128 <= x <= 127}; racrec
 * writes at most 127 in magnitude, but a file from elsewhere may hold -128) fits a signed 16-bit
 * integer, and the whole sum fits an {@code int}.
 *
 * <p>The rounding error only chooses candidates: an int8 search re-scores its best candidates with
 * the float32 vectors (see {@link ExactCatalogIndex}).
 *
 * <p>Thread-safety: immutable once built.
 */
final class Int8Query {
  /** The largest component: 128 x 255 = 32,640 still fits a short. */
  static final int MAX_COMPONENT = 255;

  final short[] components;

  /** What one integer step of the query is worth: {@code query[j] ~ components[j] * scale}. */
  final float scale;

  private Int8Query(short[] components, float scale) {
    this.components = components;
    this.scale = scale;
  }

  static Int8Query of(float[] query) {
    int limit = limitFor(query.length);
    float max = 0f;
    for (float v : query) {
      max = Math.max(max, Math.abs(v));
    }
    short[] components = new short[query.length];
    if (max == 0f) {
      return new Int8Query(components, 0f);
    }
    // In double, and clamped: a subnormal maximum would otherwise round the scale coarsely.
    double factor = limit / (double) max;
    for (int j = 0; j < query.length; j++) {
      long rounded = Math.round(query[j] * factor);
      components[j] = (short) Math.max(-limit, Math.min(limit, rounded));
    }
    return new Int8Query(components, (float) (max / (double) limit));
  }

  /** The component limit for {@code dimension}: 255, less where the sum could overflow an int. */
  static int limitFor(int dimension) {
    long room = Integer.MAX_VALUE / (128L * Math.max(1, dimension));
    return (int) Math.max(1, Math.min(MAX_COMPONENT, room));
  }
}
