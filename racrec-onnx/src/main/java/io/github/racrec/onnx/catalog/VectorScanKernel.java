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

  /**
   * Vector registers the JIT can allocate: 32 on x86 with AVX-512 (zmm0-31) and on aarch64 (NEON
   * and SVE); 16 on x86 without AVX-512 (AVX2's ymm0-15, also under {@code -XX:UseAVX=2} on an
   * AVX-512 CPU). The JVM does not report the count; this follows from the vector width it picked.
   */
  static final int REGISTERS = x86() && F.vectorBitSize() < 512 ? 16 : 32;

  /** Rows in a batch panel: each row's broadcast serves every query vector of the panel. */
  static final int PANEL_ROWS = 6;

  /**
   * Query vectors in a batch panel: 6 x 4 = 24 sums, 4 query vectors and a broadcast fill 29 of 32
   * registers; with 16, 6 x 2 = 12 sums, 2 query vectors and a broadcast fill 15 (the 6 x 16 of
   * AVX2 matrix kernels). The earlier panel of four rows by four vectors needs 21 registers: at 256
   * bits it ran at 1.66x the compute floor (70,500 x 768, 64 queries), against 1.1x for 6 x 2.
   */
  static final int PANEL_VECTORS = REGISTERS >= 32 ? 4 : 2;

  private static boolean x86() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
  }

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
  public String blocking() {
    return REGISTERS
        + " vector registers, batch panels of "
        + PANEL_ROWS
        + " rows x "
        + PANEL_VECTORS
        + " vectors of "
        + L
        + " floats";
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
   * The register-blocked kernel of matrix products. A panel of {@link #PANEL_ROWS} rows against
   * {@link #PANEL_VECTORS} vectors of queries (two where the group has only two) keeps its sums in
   * registers; each step broadcasts one component of each row and multiplies it into the sums of
   * all the panel's query vectors, with no horizontal sums. A block's last rows, fewer than a
   * panel, go through a panel whose surplus places repeat the last row: a repeat computes and
   * stores the same sums, so nothing is counted twice. Queries of one vector go one row at a time.
   */
  @Override
  public void dotFloat32Batch(
      float[] packed, int width, float[] rows, int offset, int n, int dim, float[] out) {
    int vectors = width / L;
    int panelVectors = vectors % PANEL_VECTORS == 0 ? PANEL_VECTORS : vectors % 2 == 0 ? 2 : 1;
    if (panelVectors == 1) {
      for (int r = 0; r < n; r++) {
        oneRow(packed, width, vectors, rows, offset + r * dim, dim, out, r * width);
      }
      return;
    }
    for (int r = 0; r < n; r += PANEL_ROWS) {
      int last = n - 1;
      int r1 = Math.min(r + 1, last);
      int r2 = Math.min(r + 2, last);
      int r3 = Math.min(r + 3, last);
      int r4 = Math.min(r + 4, last);
      int r5 = Math.min(r + 5, last);
      for (int column = 0; column < width; column += panelVectors * L) {
        if (panelVectors == 4) {
          sixRowsFourVectors(packed, width, column, rows, offset, dim, out, r, r1, r2, r3, r4, r5);
        } else {
          sixRowsTwoVectors(packed, width, column, rows, offset, dim, out, r, r1, r2, r3, r4, r5);
        }
      }
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

  /** Six rows against four query vectors: 24 sums, for 32 vector registers. */
  private static void sixRowsFourVectors(
      float[] packed,
      int width,
      int column,
      float[] rows,
      int offset,
      int dim,
      float[] out,
      int r0,
      int r1,
      int r2,
      int r3,
      int r4,
      int r5) {
    int b0 = offset + r0 * dim;
    int t0 = r0 * width + column;
    int b1 = offset + r1 * dim;
    int t1 = r1 * width + column;
    int b2 = offset + r2 * dim;
    int t2 = r2 * width + column;
    int b3 = offset + r3 * dim;
    int t3 = r3 * width + column;
    int b4 = offset + r4 * dim;
    int t4 = r4 * width + column;
    int b5 = offset + r5 * dim;
    int t5 = r5 * width + column;
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
    FloatVector c40 = FloatVector.zero(F);
    FloatVector c41 = FloatVector.zero(F);
    FloatVector c42 = FloatVector.zero(F);
    FloatVector c43 = FloatVector.zero(F);
    FloatVector c50 = FloatVector.zero(F);
    FloatVector c51 = FloatVector.zero(F);
    FloatVector c52 = FloatVector.zero(F);
    FloatVector c53 = FloatVector.zero(F);
    for (int j = 0; j < dim; j++) {
      int at = j * width + column;
      FloatVector q0 = FloatVector.fromArray(F, packed, at);
      FloatVector q1 = FloatVector.fromArray(F, packed, at + L);
      FloatVector q2 = FloatVector.fromArray(F, packed, at + 2 * L);
      FloatVector q3 = FloatVector.fromArray(F, packed, at + 3 * L);
      FloatVector x = FloatVector.broadcast(F, rows[b0 + j]);
      c00 = q0.fma(x, c00);
      c01 = q1.fma(x, c01);
      c02 = q2.fma(x, c02);
      c03 = q3.fma(x, c03);
      x = FloatVector.broadcast(F, rows[b1 + j]);
      c10 = q0.fma(x, c10);
      c11 = q1.fma(x, c11);
      c12 = q2.fma(x, c12);
      c13 = q3.fma(x, c13);
      x = FloatVector.broadcast(F, rows[b2 + j]);
      c20 = q0.fma(x, c20);
      c21 = q1.fma(x, c21);
      c22 = q2.fma(x, c22);
      c23 = q3.fma(x, c23);
      x = FloatVector.broadcast(F, rows[b3 + j]);
      c30 = q0.fma(x, c30);
      c31 = q1.fma(x, c31);
      c32 = q2.fma(x, c32);
      c33 = q3.fma(x, c33);
      x = FloatVector.broadcast(F, rows[b4 + j]);
      c40 = q0.fma(x, c40);
      c41 = q1.fma(x, c41);
      c42 = q2.fma(x, c42);
      c43 = q3.fma(x, c43);
      x = FloatVector.broadcast(F, rows[b5 + j]);
      c50 = q0.fma(x, c50);
      c51 = q1.fma(x, c51);
      c52 = q2.fma(x, c52);
      c53 = q3.fma(x, c53);
    }
    c00.intoArray(out, t0);
    c01.intoArray(out, t0 + L);
    c02.intoArray(out, t0 + 2 * L);
    c03.intoArray(out, t0 + 3 * L);
    c10.intoArray(out, t1);
    c11.intoArray(out, t1 + L);
    c12.intoArray(out, t1 + 2 * L);
    c13.intoArray(out, t1 + 3 * L);
    c20.intoArray(out, t2);
    c21.intoArray(out, t2 + L);
    c22.intoArray(out, t2 + 2 * L);
    c23.intoArray(out, t2 + 3 * L);
    c30.intoArray(out, t3);
    c31.intoArray(out, t3 + L);
    c32.intoArray(out, t3 + 2 * L);
    c33.intoArray(out, t3 + 3 * L);
    c40.intoArray(out, t4);
    c41.intoArray(out, t4 + L);
    c42.intoArray(out, t4 + 2 * L);
    c43.intoArray(out, t4 + 3 * L);
    c50.intoArray(out, t5);
    c51.intoArray(out, t5 + L);
    c52.intoArray(out, t5 + 2 * L);
    c53.intoArray(out, t5 + 3 * L);
  }

  /** Six rows against two query vectors: 12 sums, for 16 vector registers (AVX2). */
  private static void sixRowsTwoVectors(
      float[] packed,
      int width,
      int column,
      float[] rows,
      int offset,
      int dim,
      float[] out,
      int r0,
      int r1,
      int r2,
      int r3,
      int r4,
      int r5) {
    int b0 = offset + r0 * dim;
    int t0 = r0 * width + column;
    int b1 = offset + r1 * dim;
    int t1 = r1 * width + column;
    int b2 = offset + r2 * dim;
    int t2 = r2 * width + column;
    int b3 = offset + r3 * dim;
    int t3 = r3 * width + column;
    int b4 = offset + r4 * dim;
    int t4 = r4 * width + column;
    int b5 = offset + r5 * dim;
    int t5 = r5 * width + column;
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
    for (int j = 0; j < dim; j++) {
      int at = j * width + column;
      FloatVector q0 = FloatVector.fromArray(F, packed, at);
      FloatVector q1 = FloatVector.fromArray(F, packed, at + L);
      FloatVector x = FloatVector.broadcast(F, rows[b0 + j]);
      c00 = q0.fma(x, c00);
      c01 = q1.fma(x, c01);
      x = FloatVector.broadcast(F, rows[b1 + j]);
      c10 = q0.fma(x, c10);
      c11 = q1.fma(x, c11);
      x = FloatVector.broadcast(F, rows[b2 + j]);
      c20 = q0.fma(x, c20);
      c21 = q1.fma(x, c21);
      x = FloatVector.broadcast(F, rows[b3 + j]);
      c30 = q0.fma(x, c30);
      c31 = q1.fma(x, c31);
      x = FloatVector.broadcast(F, rows[b4 + j]);
      c40 = q0.fma(x, c40);
      c41 = q1.fma(x, c41);
      x = FloatVector.broadcast(F, rows[b5 + j]);
      c50 = q0.fma(x, c50);
      c51 = q1.fma(x, c51);
    }
    c00.intoArray(out, t0);
    c01.intoArray(out, t0 + L);
    c10.intoArray(out, t1);
    c11.intoArray(out, t1 + L);
    c20.intoArray(out, t2);
    c21.intoArray(out, t2 + L);
    c30.intoArray(out, t3);
    c31.intoArray(out, t3 + L);
    c40.intoArray(out, t4);
    c41.intoArray(out, t4 + L);
    c50.intoArray(out, t5);
    c51.intoArray(out, t5 + L);
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
