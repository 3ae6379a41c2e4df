package io.github.racrec.onnx.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kernels' int8 and decoding paths against plain reference arithmetic. */
class ScanKernelTest {
  private static List<ScanKernel> kernels() {
    ScanKernel vector = ScanKernels.vectorApi();
    assertNotNull(vector, "tests run with --add-modules jdk.incubator.vector");
    return List.of(ScalarScanKernel.INSTANCE, vector);
  }

  /** Int8 sums are integers: both kernels must give exactly the long-precision sum. */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 31, 32, 33, 63, 64, 65, 96, 100, 127, 128, 129, 384, 768, 1000})
  void int8DotProductsAreExactIntegerSums(int dim) {
    Random random = new Random(dim);
    int n = 9;
    byte[] rows = new byte[3 + n * dim]; // an offset of 3 too
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (byte) (random.nextInt(255) - 127);
    }
    // The extremes, where two products only just fit a short: 127 and -128 (a byte racrec never
    // writes, but another tool may) times 127 and -127.
    for (int j = 0; j < dim; j++) {
      rows[3 + j] = 127;
      rows[3 + dim + j] = -128;
    }
    short[] query = new short[dim];
    for (int j = 0; j < dim; j++) {
      query[j] = (short) (j % 3 == 0 ? Int8Query.MAX_COMPONENT : random.nextInt(255) - 127);
    }
    query[0] = Int8Query.MAX_COMPONENT;
    float[] expected = new float[n];
    for (int r = 0; r < n; r++) {
      long sum = 0;
      for (int j = 0; j < dim; j++) {
        sum += (long) query[j] * rows[3 + r * dim + j];
      }
      expected[r] = sum;
    }
    for (ScanKernel kernel : kernels()) {
      float[] out = new float[n];
      kernel.dotInt8(query, rows, 3, n, dim, out);
      assertArrayEquals(expected, out, 0f, kernel.name() + " at d = " + dim);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 15, 16, 17, 100, 768})
  void decodingMatchesTheCodec(int length) {
    Random random = new Random(length);
    short[] bfloat16 = new short[length + 5];
    byte[] int8 = new byte[length + 5];
    for (int i = 0; i < bfloat16.length; i++) {
      bfloat16[i] = ElementCodec.toBfloat16((float) random.nextGaussian());
      int8[i] = (byte) (random.nextInt(255) - 127);
    }
    float[] expectedBfloat16 = new float[length];
    float[] expectedInt8 = new float[length];
    for (int i = 0; i < length; i++) {
      expectedBfloat16[i] = ElementCodec.fromBfloat16(bfloat16[5 + i]);
      expectedInt8[i] = int8[5 + i];
    }
    for (ScanKernel kernel : kernels()) {
      float[] out = new float[length];
      kernel.decodeBfloat16(bfloat16, 5, length, out);
      assertArrayEquals(expectedBfloat16, out, 0f, kernel.name());
      float[] outInt8 = new float[length];
      kernel.decodeInt8(int8, 5, length, outInt8);
      assertArrayEquals(expectedInt8, outInt8, 0f, kernel.name());
    }
  }

  /**
   * An int8 batch is filtered and scaled as the single search rounds: sum * (queryScale *
   * rowScale). Rows are listed by their scaled scores (not the sums), and the listed rows' scores
   * end scaled, bit for bit; 70 rows cross two groups of 32 and a tail.
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 32, 64})
  void batchScoresAreFilteredAndScaledAsSingleSearchesScaleThem(int width) {
    Random random = new Random(width);
    int n = 70;
    float[] sums = new float[n * width];
    float[] queryScales = new float[width];
    float[] rowScales = new float[3 + n];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = random.nextInt(1 << 24) - (1 << 23);
    }
    for (int q = 0; q < width; q++) {
      queryScales[q] = random.nextFloat() / 255;
    }
    for (int r = 0; r < rowScales.length; r++) {
      rowScales[r] = random.nextFloat() / 127;
    }
    float[] expected = new float[sums.length];
    for (int r = 0; r < n; r++) {
      for (int q = 0; q < width; q++) {
        float single = sums[r * width + q];
        single *= queryScales[q] * rowScales[3 + r];
        expected[r * width + q] = single;
      }
    }
    // Thresholds that some rows reach: half the columns keep their best score (a tie) and the
    // others a score nothing reaches; row 40 ties in the column where it scores best.
    float[] thresholds = new float[width];
    java.util.Arrays.fill(thresholds, Float.MAX_VALUE);
    for (int q = 0; q < width; q++) {
      if (random.nextBoolean()) {
        thresholds[q] = -Float.MAX_VALUE;
        for (int r = 0; r < n; r++) {
          thresholds[q] = Math.max(thresholds[q], expected[r * width + q]);
        }
      }
    }
    int best = 0;
    for (int q = 1; q < width; q++) {
      best = expected[40 * width + q] > expected[40 * width + best] ? q : best;
    }
    thresholds[best] = expected[40 * width + best];
    boolean[] reaches = new boolean[n];
    for (int r = 0; r < n; r++) {
      for (int q = 0; q < width; q++) {
        reaches[r] |= expected[r * width + q] >= thresholds[q];
      }
    }
    int[] wanted = java.util.stream.IntStream.range(0, n).filter(r -> reaches[r]).toArray();
    assertTrue(wanted.length > 3 && wanted.length < n - 3, "a mix: " + wanted.length);
    assertTrue(reaches[40], "the exact tie");
    for (ScanKernel kernel : kernels()) {
      float[] scores = sums.clone();
      int[] passing = new int[n];
      int listed =
          kernel.scaleAndFilterBatch(
              scores, n, width, queryScales, rowScales, 3, thresholds, passing);
      assertArrayEquals(wanted, java.util.Arrays.copyOf(passing, listed), kernel.name());
      for (int row : wanted) {
        for (int q = 0; q < width; q++) {
          assertEquals(
              expected[row * width + q],
              scores[row * width + q],
              0f,
              kernel.name() + " row " + row + " query " + q);
        }
      }
    }
  }

  /** Batch scores of every width the kernels block (one to four vectors), against doubles. */
  @org.junit.jupiter.api.Test
  void batchScoresMatchPlainSumsAtEveryWidthAndRowCount() {
    Random random = new Random(3);
    int dim = 37;
    for (ScanKernel kernel : kernels()) {
      int lanes = kernel.groupWidth() / 4;
      for (int vectors = 1; vectors <= 4; vectors++) {
        int width = vectors * lanes;
        for (int n = 1; n <= 17; n++) {
          float[] packed = new float[dim * width];
          float[] rows = new float[2 + n * dim]; // an offset of 2
          for (int i = 0; i < packed.length; i++) {
            packed[i] = (float) random.nextGaussian();
          }
          for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
          }
          float[] out = new float[n * width];
          kernel.dotFloat32Batch(packed, width, rows, 2, n, dim, out);
          for (int r = 0; r < n; r++) {
            for (int q = 0; q < width; q++) {
              double sum = 0;
              for (int j = 0; j < dim; j++) {
                sum += (double) packed[j * width + q] * rows[2 + r * dim + j];
              }
              assertEquals(
                  sum,
                  out[r * width + q],
                  1e-4,
                  kernel.name() + " width " + width + " n " + n + " row " + r + " query " + q);
            }
          }
        }
      }
    }
  }

  /**
   * The batch filter's groups of 32 rows: a tie at -0.0 alone in a group, in its last row (the sign
   * bit of the group's row bits) and alone in the tail, a group where no row passes, and a row that
   * passes in its last column.
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 32, 64})
  void theBatchFilterFindsLoneTiesInGroupsAndInTheTail(int width) {
    int n = 107; // rows 0-31, 32-63 and 64-95 are groups, 96-106 the tail
    float[] thresholds = new float[width];
    java.util.Arrays.fill(thresholds, 1f);
    thresholds[1] = 0f;
    float[] scores = new float[n * width];
    java.util.Arrays.fill(scores, 0.5f);
    for (int r = 0; r < n; r++) {
      scores[r * width + 1] = -1f;
    }
    scores[2 * width + 1] = -0f; // row 2: a tie at zero, alone in rows 0-31
    scores[95 * width + 1] = -0f; // row 95: the same, the last of rows 64-95
    scores[101 * width + 1] = -0f; // row 101: the same, in the tail
    scores[106 * width + width - 1] = 1f; // row 106: its last column ties its threshold
    for (ScanKernel kernel : kernels()) {
      int[] passing = new int[n];
      int listed =
          kernel.scaleAndFilterBatch(scores.clone(), n, width, null, null, 0, thresholds, passing);
      assertArrayEquals(
          new int[] {2, 95, 101, 106}, java.util.Arrays.copyOf(passing, listed), kernel.name());
    }
  }

  /**
   * The batch filter lists exactly the rows where some score reaches its threshold, in order,
   * wherever in a group of 32 rows it is; without scales, scores stay.
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 32, 64})
  void theBatchFilterListsExactlyTheRowsThatReachAThreshold(int width) {
    Random random = new Random(width + 1);
    int n = 75; // two groups of 32 and a tail of 11
    float[] thresholds = new float[width];
    for (int q = 0; q < width; q++) {
      thresholds[q] = (float) random.nextGaussian();
    }
    thresholds[0] = 0.0f;
    float[] scores = new float[n * width];
    boolean[] expected = new boolean[n];
    for (int r = 0; r < n; r++) {
      for (int q = 0; q < width; q++) {
        scores[r * width + q] = thresholds[q] - 1f - random.nextFloat(); // below
      }
      if (random.nextBoolean()) {
        int q = random.nextInt(width);
        scores[r * width + q] = r % 3 == 0 ? thresholds[q] : thresholds[q] + 0.5f; // a tie counts
        expected[r] = true;
      }
    }
    scores[2 * width] = -0.0f; // a tie at zero: -0.0 reaches +0.0
    expected[2] = true;
    for (ScanKernel kernel : kernels()) {
      float[] copy = scores.clone();
      int[] passing = new int[n];
      int listed = kernel.scaleAndFilterBatch(copy, n, width, null, null, 0, thresholds, passing);
      int[] wanted = java.util.stream.IntStream.range(0, n).filter(r -> expected[r]).toArray();
      assertArrayEquals(wanted, java.util.Arrays.copyOf(passing, listed), kernel.name());
      assertArrayEquals(scores, copy, 0f, kernel.name() + " changed unscaled scores");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 63})
  void theBatchFilterFindsEveryScoreThatReachesItsThreshold(int lane) {
    int width = 64;
    float[] scores = new float[3 + width];
    float[] thresholds = new float[width];
    java.util.Arrays.fill(scores, 0.5f);
    java.util.Arrays.fill(thresholds, 0.75f);
    thresholds[width - 1] = Float.POSITIVE_INFINITY; // an unused column
    for (ScanKernel kernel : kernels()) {
      assertFalse(kernel.anyAtLeast(scores, 3, thresholds, 0, width), kernel.name());
      if (lane < width - 1) {
        scores[3 + lane] = 0.75f; // equal is enough: ties are settled by the top k
        assertTrue(kernel.anyAtLeast(scores, 3, thresholds, 0, width), kernel.name() + " " + lane);
        // One vector of 16 queries at a time: only the one that holds the lane answers true.
        for (int from = 0; from < width; from += 16) {
          boolean inside = lane >= from && lane < from + 16;
          assertEquals(
              inside,
              kernel.anyAtLeast(scores, 3 + from, thresholds, from, 16),
              kernel.name() + " lane " + lane + " in the 16 from " + from);
        }
        scores[3 + lane] = 0.5f;
        // A tie at zero: -0.0 >= +0.0.
        thresholds[lane] = 0f;
        scores[3 + lane] = -0f;
        assertTrue(kernel.anyAtLeast(scores, 3, thresholds, 0, width), kernel.name() + " -0.0");
        thresholds[lane] = 0.75f;
        scores[3 + lane] = 0.5f;
      }
    }
  }

  /**
   * A negative int8 sum of a row whose scale is zero scales to -0.0, which ties a threshold of
   * +0.0: the scaled filter lists it (and only it: the other rows' scaled sums are negative).
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 32, 64})
  void theScaledFilterCountsANegativeZeroTie(int width) {
    int n = 3;
    float[] sums = new float[n * width];
    java.util.Arrays.fill(sums, -5f);
    float[] queryScales = new float[width];
    java.util.Arrays.fill(queryScales, 0.25f);
    float[] rowScales = {0.5f, 0f, 0.5f};
    float[] thresholds = new float[width]; // +0.0
    for (ScanKernel kernel : kernels()) {
      float[] scores = sums.clone();
      int[] passing = new int[n];
      int listed =
          kernel.scaleAndFilterBatch(
              scores, n, width, queryScales, rowScales, 0, thresholds, passing);
      assertArrayEquals(new int[] {1}, java.util.Arrays.copyOf(passing, listed), kernel.name());
      assertEquals(-0f, scores[width], 0f, kernel.name());
      assertTrue(Float.floatToRawIntBits(scores[width]) < 0, kernel.name() + ": -0.0 kept");
    }
  }

  /** The lane bits of a vector of scores: set exactly where a score reaches its threshold. */
  @org.junit.jupiter.api.Test
  void laneBitsMarkExactlyTheScoresThatReachTheirThresholds() {
    Random random = new Random(5);
    for (ScanKernel kernel : kernels()) {
      int lanes = kernel.groupWidth() / 4;
      for (int trial = 0; trial < 200; trial++) {
        float[] scores = new float[2 + lanes];
        float[] thresholds = new float[1 + lanes];
        long expected = 0;
        for (int i = 0; i < lanes; i++) {
          thresholds[1 + i] = (float) random.nextGaussian();
          int kind = random.nextInt(4);
          scores[2 + i] =
              kind == 0
                  ? thresholds[1 + i] // a tie reaches
                  : kind == 1
                      ? Math.nextDown(thresholds[1 + i]) // just below does not
                      : (float) random.nextGaussian();
          if (trial == 0 && i == 0) {
            thresholds[1] = 0f;
            scores[2] = -0f; // -0.0 ties +0.0
          }
          if (scores[2 + i] >= thresholds[1 + i]) {
            expected |= 1L << i;
          }
        }
        assertEquals(
            expected, kernel.lanesAtLeast(scores, 2, thresholds, 1), kernel.name() + " " + trial);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 768, 70_000, 200_000})
  void integerQueriesKeepEverySumExactInFloatAndTrackTheFloats(int dim) {
    Random random = new Random(dim);
    float[] query = new float[dim];
    for (int j = 0; j < dim; j++) {
      query[j] = (float) random.nextGaussian();
    }
    Int8Query rounded = Int8Query.of(query);
    int largest = 0;
    long magnitude = 0;
    for (int j = 0; j < dim; j++) {
      largest = Math.max(largest, Math.abs(rounded.components[j]));
      magnitude += Math.abs(rounded.components[j]);
      assertEquals(query[j], rounded.components[j] * rounded.scale, rounded.scale * 0.5001);
    }
    assertTrue(largest <= Int8Query.MAX_COMPONENT, "largest component " + largest);
    assertTrue(128 * magnitude < Int8Query.EXACT_FLOAT_SUM, "largest sum " + 128 * magnitude);
    if (dim <= 768) {
      assertEquals(Int8Query.MAX_COMPONENT, largest, "a typical query uses the whole range");
    }
    assertEquals(0f, Int8Query.of(new float[dim]).scale);
  }

  @org.junit.jupiter.api.Test
  void tinyQueriesStillRoundWithinTheLimit() {
    float[] subnormal = {361 * Float.MIN_VALUE, -200 * Float.MIN_VALUE, Float.MIN_VALUE};
    Int8Query rounded = Int8Query.of(subnormal);
    for (short component : rounded.components) {
      assertTrue(Math.abs(component) <= Int8Query.MAX_COMPONENT, "component " + component);
    }
    assertEquals(Int8Query.MAX_COMPONENT, rounded.components[0]);
  }
}
