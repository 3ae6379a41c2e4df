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
        a0 = widenBfloat16(rows, base + j).fma(FloatVector.fromArray(F, query, j), a0);
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
        sums =
            addHalves(
                sums, products(query, rows, base, j).add(products(query, rows, base, j + step)));
      }
      if (j < bound) {
        sums = addHalves(sums, products(query, rows, base, j));
        j += step;
      }
      int sum = sums.reduceLanes(VectorOperators.ADD);
      for (; j < dim; j++) {
        sum += query[j] * rows[base + j];
      }
      out[r] = sum;
    }
  }

  /** Adds both 16-bit halves of each int lane of {@code shorts}, sign-extended, to {@code sums}. */
  private static IntVector addHalves(IntVector sums, ShortVector shorts) {
    IntVector pairs = shorts.reinterpretAsInts();
    return sums.add(pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
        .add(pairs.lanewise(VectorOperators.ASHR, 16));
  }

  /** 2L products of row bytes and query shorts from component {@code j}, as shorts. */
  private static ShortVector products(short[] query, byte[] rows, int base, int j) {
    ShortVector row =
        (ShortVector)
            ByteVector.fromArray(B2, rows, base + j).convertShape(VectorOperators.B2S, S2, 0);
    return row.mul(ShortVector.fromArray(S2, query, j));
  }

  @Override
  public void decodeBfloat16(short[] in, int offset, int length, float[] out) {
    int bound = length - length % L;
    int i = 0;
    for (; i < bound; i += L) {
      widenBfloat16(in, offset + i).intoArray(out, i);
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
      widenInt8(in, offset + i).intoArray(out, i);
    }
    for (; i < length; i++) {
      out[i] = in[offset + i];
    }
  }

  /** Widths are whole vectors (see {@link #dotFloat32Batch}), so there is no scalar tail. */
  @Override
  public void scaleBatchScores(
      float[] scores, int n, int width, float[] queryScales, float[] rowScales, int firstRow) {
    for (int v = 0; v < width; v += L) {
      FloatVector queryScale = FloatVector.fromArray(F, queryScales, v);
      for (int r = 0; r < n; r++) {
        int at = r * width + v;
        FloatVector.fromArray(F, scores, at)
            .mul(queryScale.mul(rowScales[firstRow + r]))
            .intoArray(scores, at);
      }
    }
  }

  /**
   * The register-blocked kernel of matrix products: four rows at a time against up to four vectors
   * of queries (64 with AVX-512). Each step broadcasts one component of each row and multiplies it
   * into sixteen sums, so there are half a load per multiply-add and no horizontal sums.
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
    }
    for (; r < n; r++) {
      oneRow(packed, width, vectors, rows, offset + r * dim, dim, out, r * width);
    }
  }

  /**
   * Whether some lane's score minus threshold has a clear sign bit: the largest difference, read as
   * ints, is at least zero. Integers because a float maximum with Java's NaN and -0.0 rules takes
   * several instructions per step; adding +0.0 turns a -0.0 difference (score -0.0, threshold +0.0:
   * a tie) into +0.0. Masks are avoided on purpose: JDK 17 does not compile 512-bit mask operations
   * to instructions, and a mask in this loop made batches four times slower once the JIT had
   * inlined it. A NaN difference (a NaN score, or infinite score and threshold) may answer either
   * way: such scores never enter a {@link TopK}, and the caller tests each score again.
   */
  @Override
  public boolean anyAtLeast(float[] scores, int at, float[] thresholds, int from, int width) {
    IntVector best = difference(scores, at, thresholds, from);
    for (int q = L; q < width; q += L) {
      best = best.max(difference(scores, at + q, thresholds, from + q));
    }
    return best.reduceLanes(VectorOperators.MAX) >= 0;
  }

  private static IntVector difference(float[] scores, int at, float[] thresholds, int from) {
    return FloatVector.fromArray(F, scores, at)
        .sub(FloatVector.fromArray(F, thresholds, from))
        .add(0f)
        .reinterpretAsInts();
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

  private static FloatVector widenBfloat16(short[] rows, int at) {
    IntVector bits =
        (IntVector) ShortVector.fromArray(S, rows, at).convertShape(VectorOperators.S2I, I, 0);
    return bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
  }

  private static FloatVector widenInt8(byte[] rows, int at) {
    return (FloatVector) ByteVector.fromArray(B, rows, at).convertShape(VectorOperators.B2F, F, 0);
  }
}
