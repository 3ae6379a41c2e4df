package io.github.racrec.onnx.catalog;

/**
 * Inner products of a query with consecutive catalog rows: the loop a catalog scan spends its time
 * in. Rows are row-major, {@code dim} components each, starting at element {@code offset}.
 *
 * <p>Thread-safety: implementations are stateless and safe for concurrent use.
 */
interface ScanKernel {
  /** A short name for logs and benchmark reports. */
  String name();

  /** How batches are blocked in registers, for the log line that names the kernel. */
  String blocking();

  /** {@code out[r] = <query, row r>} for {@code n} float32 rows. */
  void dotFloat32(float[] query, float[] rows, int offset, int n, int dim, float[] out);

  /** {@code out[r] = <query, row r>} for {@code n} bfloat16 rows (upper halves of floats). */
  void dotBfloat16(float[] query, short[] rows, int offset, int n, int dim, float[] out);

  /**
   * {@code out[r] = <query, row r>} for {@code n} int8 rows, before any scale: the exact integer
   * sum. Query components lie in {@code [-127, 127]} (see {@link Int8Query}), so two products fit a
   * short, and the whole sum stays below 2<sup>24</sup> in magnitude.
   */
  void dotInt8(short[] query, byte[] rows, int offset, int n, int dim, float[] out);

  /** Widens {@code length} bfloat16 values to float32: {@code out[i] = in[offset + i]}. */
  void decodeBfloat16(short[] in, int offset, int length, float[] out);

  /** Widens {@code length} int8 values to float32, unscaled: {@code out[i] = in[offset + i]}. */
  void decodeInt8(byte[] in, int offset, int length, float[] out);

  /**
   * Readies a block of batch scores for the top-k bookkeeping: lists the rows where some score is
   * at least its query's threshold. Most rows lose for every query, and the bookkeeping then skips
   * them. Where {@code queryScales} is not null the scores are int8 sums, tested as scaled ({@code
   * scores[r * width + q] * (queryScales[q] * rowScales[firstRow + r])}, rounded as the single
   * search rounds {@code sum * (queryScale * rowScale)}, so that both give the same float); the
   * listed rows' scores are scaled in place, the other rows' may be left unscaled.
   *
   * @param thresholds by column; unused columns must hold positive infinity
   * @param passing receives the listed rows (0 to n - 1), ascending
   * @return how many rows were listed. Where a score is NaN, or a score and its threshold are both
   *     infinite, a row may be listed or not: such scores never enter a {@link TopK}, and the
   *     caller tests each score again.
   */
  int scaleAndFilterBatch(
      float[] scores,
      int n,
      int width,
      float[] queryScales,
      float[] rowScales,
      int firstRow,
      float[] thresholds,
      int[] passing);

  /**
   * Scores {@code n} float32 rows against a group of queries, each row read once for all of them.
   *
   * @param packed the queries transposed: component {@code j} of query {@code q} at {@code j *
   *     width + q} (unused columns zero)
   * @param width columns of {@code packed}: one, two or four vectors of lanes (a vector is a
   *     quarter of {@link #groupWidth()}); other whole numbers of vectors work, more slowly
   * @param rows the rows
   * @param offset where row 0 starts in {@code rows}
   * @param n how many rows
   * @param dim the row length
   * @param out receives {@code <query q, row r>} at {@code r * width + q}
   */
  void dotFloat32Batch(
      float[] packed, int width, float[] rows, int offset, int n, int dim, float[] out);

  /**
   * Whether any of the {@code width} scores from {@code scores[at]} is at least its query's
   * threshold (score {@code q} against {@code thresholds[from + q]}): the row test inside {@link
   * #scaleAndFilterBatch}. {@code width} is a whole number of vectors (see {@link
   * #dotFloat32Batch}). Where a score is NaN, or a score and its threshold are both infinite, it
   * may answer either way: NaN and negative infinity never enter a {@link TopK}, and positive
   * infinity against a threshold of positive infinity does not beat what is kept, since rows come
   * in ascending order.
   */
  boolean anyAtLeast(float[] scores, int at, float[] thresholds, int from, int width);

  /**
   * Which of one vector of scores from {@code scores[at]} reach their thresholds from {@code
   * thresholds[from]}: bit i for lane i. Where a score is NaN, or a score and its threshold are
   * both infinite, the bit may be set or not (see {@link #anyAtLeast}); the caller offers each set
   * lane to a {@link TopK}, which decides.
   */
  long lanesAtLeast(float[] scores, int at, float[] thresholds, int from);

  /** The most queries {@link #dotFloat32Batch} scores in one pass. */
  int groupWidth();
}
