package io.github.racrec.onnx.catalog;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel on the JDK's Vector API ({@code jdk.incubator.vector}): fused multiply-adds over the
 * widest vectors the CPU has (16 floats with AVX-512). Only loaded by {@link ScanKernels} when the
 * module is present; it uses array loads only, which JDK 17 and JDK 25 both have.
 *
 * <p>Vector code is written out in the loops rather than in small helpers that take or return
 * vectors: when the JIT does not inline such a helper (for instance because it was compiled on its
 * own first), every vector it passes is allocated, and the scan becomes many times slower. Which
 * way the JIT goes depends on timing, so it showed as occasional slow runs.
 */
final class VectorScanKernel implements ScanKernel {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(Math.max(64, L * 16)));

  /** Twice L shorts: as wide as F; an int8 step multiplies 2L components at once. */
  private static final VectorSpecies<Short> S2 = VectorSpecies.of(short.class, F.vectorShape());

  private static final VectorSpecies<Byte> B2 =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 16));
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));

  VectorScanKernel() {
    if (L < 8) {
      // bfloat16 and int8 need a 64-bit vector of L narrow lanes to widen from.
      throw new UnsupportedOperationException("vectors of " + L + " floats are too narrow");
    }
  }

  @Override
  public String name() {
    return "vector-api-" + F.vectorBitSize() + "bit";
  }

  @Override
  public void dotFloat32(float[] query, float[] rows, int offset, int n, int dim, float[] out) {
    int bound = dim - dim % L;
    for (int r = 0; r < n; r++) {
      int base = offset + r * dim;
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      int j = 0;
      for (; j + 2 * L <= bound; j += 2 * L) {
        a0 = FloatVector.fromArray(F, rows, base + j).fma(FloatVector.fromArray(F, query, j), a0);
        a1 =
            FloatVector.fromArray(F, rows, base + j + L)
                .fma(FloatVector.fromArray(F, query, j + L), a1);
      }
      if (j < bound) {
        a0 = FloatVector.fromArray(F, rows, base + j).fma(FloatVector.fromArray(F, query, j), a0);
        j += L;
      }
      float sum = a0.add(a1).reduceLanes(VectorOperators.ADD);
      for (; j < dim; j++) {
        sum += query[j] * rows[base + j];
      }
      out[r] = sum;
    }
  }

  @Override
  public void dotBfloat16(float[] query, short[] rows, int offset, int n, int dim, float[] out) {
    int bound = dim - dim % L;
    for (int r = 0; r < n; r++) {
      int base = offset + r * dim;
      FloatVector a0 = FloatVector.zero(F);
      int j = 0;
      for (; j < bound; j += L) {
        // bfloat16 to float32 (the upper half of the bits), written out: see the class comment.
        FloatVector row =
            ((IntVector)
                    ShortVector.fromArray(S, rows, base + j)
                        .convertShape(VectorOperators.S2I, I, 0))
                .lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
        a0 = row.fma(FloatVector.fromArray(F, query, j), a0);
      }
      float sum = a0.reduceLanes(VectorOperators.ADD);
      for (; j < dim; j++) {
        sum += query[j] * ElementCodec.fromBfloat16(rows[base + j]);
      }
      out[r] = sum;
    }
  }

  /**
   * Widens bytes to shorts, multiplies them by the query's shorts, and adds two such product
   * vectors (exact: a product is at most 128 x 127 = 16,256 in magnitude, so two fit a short). Each
   * pair of neighbouring 16-bit sums is then read as one int, and both halves (sign-extended) are
   * added to int sums. No byte-to-float conversion and one split per 4L components: the int8 scan
   * is otherwise compute-bound.
   */
  @Override
  public void dotInt8(short[] query, byte[] rows, int offset, int n, int dim, float[] out) {
    int step = 2 * L;
    int pairBound = dim - dim % (2 * step);
    int bound = dim - dim % step;
    for (int r = 0; r < n; r++) {
      int base = offset + r * dim;
      IntVector sums = IntVector.zero(I);
      int j = 0;
      for (; j < pairBound; j += 2 * step) {
        // Two vectors of 2L products of row bytes (widened to shorts) and query shorts, added.
        ShortVector products =
            ((ShortVector)
                    ByteVector.fromArray(B2, rows, base + j)
                        .convertShape(VectorOperators.B2S, S2, 0))
                .mul(ShortVector.fromArray(S2, query, j))
                .add(
                    ((ShortVector)
                            ByteVector.fromArray(B2, rows, base + j + step)
                                .convertShape(VectorOperators.B2S, S2, 0))
                        .mul(ShortVector.fromArray(S2, query, j + step)));
        // Both 16-bit halves of each int lane, sign-extended, added to the int sums.
        IntVector pairs = products.reinterpretAsInts();
        sums =
            sums.add(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                .add(pairs.lanewise(VectorOperators.ASHR, 16));
      }
      if (j < bound) { // one vector of products left
        IntVector pairs =
            ((ShortVector)
                    ByteVector.fromArray(B2, rows, base + j)
                        .convertShape(VectorOperators.B2S, S2, 0))
                .mul(ShortVector.fromArray(S2, query, j))
                .reinterpretAsInts();
        sums =
            sums.add(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
                .add(pairs.lanewise(VectorOperators.ASHR, 16));
        j += step;
      }
      int sum = sums.reduceLanes(VectorOperators.ADD);
      for (; j < dim; j++) {
        sum += query[j] * rows[base + j];
      }
      out[r] = sum;
    }
  }

  @Override
  public void decodeBfloat16(short[] in, int offset, int length, float[] out) {
    int bound = length - length % L;
    int i = 0;
    for (; i < bound; i += L) {
      ((IntVector) ShortVector.fromArray(S, in, offset + i).convertShape(VectorOperators.S2I, I, 0))
          .lanewise(VectorOperators.LSHL, 16)
          .reinterpretAsFloats()
          .intoArray(out, i);
    }
    for (; i < length; i++) {
      out[i] = ElementCodec.fromBfloat16(in[offset + i]);
    }
  }

  @Override
  public void decodeInt8(byte[] in, int offset, int length, float[] out) {
    int bound = length - length % L;
    int i = 0;
    for (; i < bound; i += L) {
      ((FloatVector)
              ByteVector.fromArray(B, in, offset + i).convertShape(VectorOperators.B2F, F, 0))
          .intoArray(out, i);
    }
    for (; i < length; i++) {
      out[i] = in[offset + i];
    }
  }

  /**
   * Lists the rows where some score reaches its threshold, 32 rows at a time: one pass over their
   * scores sets bit r of a lane where row r reaches it, and one horizontal OR gives the rows, so a
   * row that passes costs no second test. For int8 the test scales the sums in registers, with the
   * float operations of {@link #scaleRow}; only the listed rows are then scaled in place, the
   * others are never read again.
   *
   * <p>Written for the JIT of JDK 17: a vector carried round a loop in more than one variable, a
   * branch that merges two vectors, or a method with many vector calls (past C2's inlining node
   * budget) made it allocate the vectors, 30-60 % slower (measured).
   */
  @Override
  public int scaleAndFilterBatch(
      float[] scores,
      int n,
      int width,
      float[] queryScales,
      float[] rowScales,
      int firstRow,
      float[] thresholds,
      int[] passing) {
    int listed = 0;
    for (int r = 0; r < n; r += Integer.SIZE) {
      int rows = Math.min(Integer.SIZE, n - r);
      int reaching =
          queryScales == null
              ? rowsAtLeast(scores, r * width, width, rows, thresholds, 0)
              : scaledRowsAtLeast(
                  scores, r * width, width, rows, thresholds, queryScales, rowScales, firstRow + r);
      for (; reaching != 0; reaching &= reaching - 1) {
        int row = r + Integer.numberOfTrailingZeros(reaching);
        if (queryScales != null) {
          scaleRow(scores, row * width, width, queryScales, rowScales[firstRow + row]);
        }
        passing[listed++] = row;
      }
    }
    return listed;
  }

  /**
   * Bit r set where some score of row r (of {@code rows}, at most 32, of {@code width} scores from
   * {@code at}) is at least its threshold ({@code thresholds[from + column]}): where the sign bit
   * of score minus threshold is clear. Adding +0.0 turns a -0.0 difference (score -0.0, threshold
   * +0.0: a tie) into +0.0. A NaN difference (a NaN score, or infinite score and threshold) may
   * answer either way: such scores never enter a {@link TopK}, and the caller tests each score
   * again. No vector masks: JDK 17 allocated them in this loop over every row.
   */
  private static int rowsAtLeast(
      float[] scores, int at, int width, int rows, float[] thresholds, int from) {
    FloatVector zero = FloatVector.zero(F);
    IntVector bits = IntVector.zero(I);
    int column = 0; // within the row
    int row = 0;
    for (int i = 0; i < rows * width; i += L) {
      IntVector negative =
          FloatVector.fromArray(F, scores, at + i)
              .sub(FloatVector.fromArray(F, thresholds, from + column))
              .add(zero)
              .reinterpretAsInts()
              .lanewise(VectorOperators.ASHR, 31); // -1 where the difference is negative, else 0
      bits = bits.or(IntVector.broadcast(I, 1 << row).and(negative.not()));
      if (column + L == width) {
        column = 0;
        row++;
      } else {
        column += L;
      }
    }
    return bits.reduceLanes(VectorOperators.OR);
  }

  /**
   * {@link #rowsAtLeast} of int8 sums as {@link #scaleRow} would scale them, not stored. A copy
   * with one multiply more: a branch on the scales inside the loop would merge two vectors, which
   * JDK 17's JIT answers by allocating them.
   */
  private static int scaledRowsAtLeast(
      float[] scores,
      int at,
      int width,
      int rows,
      float[] thresholds,
      float[] queryScales,
      float[] rowScales,
      int firstRow) {
    FloatVector zero = FloatVector.zero(F);
    IntVector bits = IntVector.zero(I);
    int column = 0; // within the row
    int row = 0;
    for (int i = 0; i < rows * width; i += L) {
      IntVector negative =
          FloatVector.fromArray(F, scores, at + i)
              .mul(FloatVector.fromArray(F, queryScales, column).mul(rowScales[firstRow + row]))
              .sub(FloatVector.fromArray(F, thresholds, column))
              .add(zero)
              .reinterpretAsInts()
              .lanewise(VectorOperators.ASHR, 31);
      bits = bits.or(IntVector.broadcast(I, 1 << row).and(negative.not()));
      if (column + L == width) {
        column = 0;
        row++;
      } else {
        column += L;
      }
    }
    return bits.reduceLanes(VectorOperators.OR);
  }

  private static void scaleRow(
      float[] scores, int at, int width, float[] queryScales, float rowScale) {
    for (int v = 0; v < width; v += L) {
      FloatVector.fromArray(F, scores, at + v)
          .mul(FloatVector.fromArray(F, queryScales, v).mul(rowScale))
          .intoArray(scores, at + v);
    }
  }

  /**
   * The register-blocked kernel of matrix products: four rows at a time against four vectors of
   * queries (64 with AVX-512), or eight rows against two. Each step broadcasts one component of
   * each row and multiplies it into the sums of all query vectors: sixteen sums in registers, half
   * a load per multiply-add and no horizontal sums. Other widths go one row at a time.
   */
  @Override
  public void dotFloat32Batch(
      float[] packed, int width, float[] rows, int offset, int n, int dim, float[] out) {
    int vectors = width / L;
    int r = 0;
    if (vectors == 4) {
      for (; r + 3 < n; r += 4) {
        fourRowsFourVectors(packed, rows, offset + r * dim, dim, out, r * width);
      }
    } else if (vectors == 2) {
      for (; r + 7 < n; r += 8) {
        eightRowsTwoVectors(packed, rows, offset + r * dim, dim, out, r * width);
      }
    }
    for (; r < n; r++) {
      oneRow(packed, width, vectors, rows, offset + r * dim, dim, out, r * width);
    }
  }

  /**
   * The sign bits of (score - threshold + 0.0), as in {@link #rowsAtLeast}, turned into lane bits:
   * each lane keeps its weight (1, 2, 4, ...) where the sign is clear, and an OR of the lanes gives
   * the bits. No vector mask: JDK 17 allocated one per call here.
   */
  @Override
  public long lanesAtLeast(float[] scores, int at, float[] thresholds, int from) {
    IntVector negative =
        FloatVector.fromArray(F, scores, at)
            .sub(FloatVector.fromArray(F, thresholds, from))
            .add(FloatVector.zero(F))
            .reinterpretAsInts()
            .lanewise(VectorOperators.ASHR, 31); // -1 where the difference is negative, else 0
    return IntVector.fromArray(I, LANE_BITS, 0).and(negative.not()).reduceLanes(VectorOperators.OR)
        & 0xFFFFFFFFL;
  }

  /** Lane i holds 1 << i. */
  private static final int[] LANE_BITS = laneBits();

  private static int[] laneBits() {
    int[] bits = new int[L];
    for (int i = 0; i < L; i++) {
      bits[i] = 1 << i;
    }
    return bits;
  }

  /** One row's test of {@link #scaleAndFilterBatch}, for thresholds from {@code from}. */
  @Override
  public boolean anyAtLeast(float[] scores, int at, float[] thresholds, int from, int width) {
    return rowsAtLeast(scores, at, width, 1, thresholds, from) != 0;
  }

  @Override
  public int groupWidth() {
    return 4 * L;
  }

  private static void fourRowsFourVectors(
      float[] packed, float[] rows, int base, int dim, float[] out, int target) {
    int width = 4 * L;
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = FloatVector.zero(F);
    FloatVector c02 = FloatVector.zero(F);
    FloatVector c03 = FloatVector.zero(F);
    FloatVector c10 = FloatVector.zero(F);
    FloatVector c11 = FloatVector.zero(F);
    FloatVector c12 = FloatVector.zero(F);
    FloatVector c13 = FloatVector.zero(F);
    FloatVector c20 = FloatVector.zero(F);
    FloatVector c21 = FloatVector.zero(F);
    FloatVector c22 = FloatVector.zero(F);
    FloatVector c23 = FloatVector.zero(F);
    FloatVector c30 = FloatVector.zero(F);
    FloatVector c31 = FloatVector.zero(F);
    FloatVector c32 = FloatVector.zero(F);
    FloatVector c33 = FloatVector.zero(F);
    for (int j = 0; j < dim; j++) {
      int column = j * width;
      FloatVector q0 = FloatVector.fromArray(F, packed, column);
      FloatVector q1 = FloatVector.fromArray(F, packed, column + L);
      FloatVector q2 = FloatVector.fromArray(F, packed, column + 2 * L);
      FloatVector q3 = FloatVector.fromArray(F, packed, column + 3 * L);
      FloatVector x = FloatVector.broadcast(F, rows[base + j]);
      c00 = q0.fma(x, c00);
      c01 = q1.fma(x, c01);
      c02 = q2.fma(x, c02);
      c03 = q3.fma(x, c03);
      x = FloatVector.broadcast(F, rows[base + dim + j]);
      c10 = q0.fma(x, c10);
      c11 = q1.fma(x, c11);
      c12 = q2.fma(x, c12);
      c13 = q3.fma(x, c13);
      x = FloatVector.broadcast(F, rows[base + 2 * dim + j]);
      c20 = q0.fma(x, c20);
      c21 = q1.fma(x, c21);
      c22 = q2.fma(x, c22);
      c23 = q3.fma(x, c23);
      x = FloatVector.broadcast(F, rows[base + 3 * dim + j]);
      c30 = q0.fma(x, c30);
      c31 = q1.fma(x, c31);
      c32 = q2.fma(x, c32);
      c33 = q3.fma(x, c33);
    }
    c00.intoArray(out, target);
    c01.intoArray(out, target + L);
    c02.intoArray(out, target + 2 * L);
    c03.intoArray(out, target + 3 * L);
    c10.intoArray(out, target + width);
    c11.intoArray(out, target + width + L);
    c12.intoArray(out, target + width + 2 * L);
    c13.intoArray(out, target + width + 3 * L);
    c20.intoArray(out, target + 2 * width);
    c21.intoArray(out, target + 2 * width + L);
    c22.intoArray(out, target + 2 * width + 2 * L);
    c23.intoArray(out, target + 2 * width + 3 * L);
    c30.intoArray(out, target + 3 * width);
    c31.intoArray(out, target + 3 * width + L);
    c32.intoArray(out, target + 3 * width + 2 * L);
    c33.intoArray(out, target + 3 * width + 3 * L);
  }

  /** The two-vector form of {@link #fourRowsFourVectors}: eight rows, sixteen sums. */
  private static void eightRowsTwoVectors(
      float[] packed, float[] rows, int base, int dim, float[] out, int target) {
    int width = 2 * L;
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = FloatVector.zero(F);
    FloatVector c10 = FloatVector.zero(F);
    FloatVector c11 = FloatVector.zero(F);
    FloatVector c20 = FloatVector.zero(F);
    FloatVector c21 = FloatVector.zero(F);
    FloatVector c30 = FloatVector.zero(F);
    FloatVector c31 = FloatVector.zero(F);
    FloatVector c40 = FloatVector.zero(F);
    FloatVector c41 = FloatVector.zero(F);
    FloatVector c50 = FloatVector.zero(F);
    FloatVector c51 = FloatVector.zero(F);
    FloatVector c60 = FloatVector.zero(F);
    FloatVector c61 = FloatVector.zero(F);
    FloatVector c70 = FloatVector.zero(F);
    FloatVector c71 = FloatVector.zero(F);
    for (int j = 0; j < dim; j++) {
      int column = j * width;
      FloatVector q0 = FloatVector.fromArray(F, packed, column);
      FloatVector q1 = FloatVector.fromArray(F, packed, column + L);
      FloatVector x = FloatVector.broadcast(F, rows[base + j]);
      c00 = q0.fma(x, c00);
      c01 = q1.fma(x, c01);
      x = FloatVector.broadcast(F, rows[base + dim + j]);
      c10 = q0.fma(x, c10);
      c11 = q1.fma(x, c11);
      x = FloatVector.broadcast(F, rows[base + 2 * dim + j]);
      c20 = q0.fma(x, c20);
      c21 = q1.fma(x, c21);
      x = FloatVector.broadcast(F, rows[base + 3 * dim + j]);
      c30 = q0.fma(x, c30);
      c31 = q1.fma(x, c31);
      x = FloatVector.broadcast(F, rows[base + 4 * dim + j]);
      c40 = q0.fma(x, c40);
      c41 = q1.fma(x, c41);
      x = FloatVector.broadcast(F, rows[base + 5 * dim + j]);
      c50 = q0.fma(x, c50);
      c51 = q1.fma(x, c51);
      x = FloatVector.broadcast(F, rows[base + 6 * dim + j]);
      c60 = q0.fma(x, c60);
      c61 = q1.fma(x, c61);
      x = FloatVector.broadcast(F, rows[base + 7 * dim + j]);
      c70 = q0.fma(x, c70);
      c71 = q1.fma(x, c71);
    }
    c00.intoArray(out, target);
    c01.intoArray(out, target + L);
    c10.intoArray(out, target + width);
    c11.intoArray(out, target + width + L);
    c20.intoArray(out, target + 2 * width);
    c21.intoArray(out, target + 2 * width + L);
    c30.intoArray(out, target + 3 * width);
    c31.intoArray(out, target + 3 * width + L);
    c40.intoArray(out, target + 4 * width);
    c41.intoArray(out, target + 4 * width + L);
    c50.intoArray(out, target + 5 * width);
    c51.intoArray(out, target + 5 * width + L);
    c60.intoArray(out, target + 6 * width);
    c61.intoArray(out, target + 6 * width + L);
    c70.intoArray(out, target + 7 * width);
    c71.intoArray(out, target + 7 * width + L);
  }

  private static void oneRow(
      float[] packed,
      int width,
      int vectors,
      float[] rows,
      int base,
      int dim,
      float[] out,
      int target) {
    for (int v = 0; v < vectors; v++) {
      FloatVector sum = FloatVector.zero(F);
      for (int j = 0; j < dim; j++) {
        sum =
            FloatVector.fromArray(F, packed, j * width + v * L)
                .fma(FloatVector.broadcast(F, rows[base + j]), sum);
      }
      sum.intoArray(out, target + v * L);
    }
  }
}
