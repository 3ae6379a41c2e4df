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
  @ValueSource(ints = {1, 7, 31, 32, 33, 64, 100, 384, 768, 1000})
  void int8DotProductsAreExactIntegerSums(int dim) {
    Random random = new Random(dim);
    int n = 9;
    byte[] rows = new byte[3 + n * dim]; // an offset of 3 too
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (byte) (random.nextInt(255) - 127);
    }
    // The extremes, where a product only just fits a short: 127 and -128 (a byte racrec never
    // writes, but another tool may) times 255 and -255.
    for (int j = 0; j < dim; j++) {
      rows[3 + j] = 127;
      rows[3 + dim + j] = -128;
    }
    short[] query = new short[dim];
    for (int j = 0; j < dim; j++) {
      query[j] = (short) (j % 3 == 0 ? Int8Query.MAX_COMPONENT : random.nextInt(511) - 255);
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
    float scale = 0.0123f;
    float[] expectedBfloat16 = new float[length];
    float[] expectedInt8 = new float[length + 2];
    for (int i = 0; i < length; i++) {
      expectedBfloat16[i] = ElementCodec.fromBfloat16(bfloat16[5 + i]);
      expectedInt8[2 + i] = scale * int8[5 + i];
    }
    for (ScanKernel kernel : kernels()) {
      float[] out = new float[length];
      kernel.decodeBfloat16(bfloat16, 5, length, out);
      assertArrayEquals(expectedBfloat16, out, 0f, kernel.name());
      float[] outInt8 = new float[length + 2];
      kernel.decodeInt8(int8, 5, length, scale, outInt8, 2);
      assertArrayEquals(expectedInt8, outInt8, 0f, kernel.name());
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
      assertFalse(kernel.anyAtLeast(scores, 3, thresholds, width), kernel.name());
      if (lane < width - 1) {
        scores[3 + lane] = 0.75f; // equal is enough: ties are settled by the heap
        assertTrue(kernel.anyAtLeast(scores, 3, thresholds, width), kernel.name() + " " + lane);
        scores[3 + lane] = 0.5f;
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 768, 70_000, 200_000})
  void integerQueriesStayWithinTheirLimitsAndTrackTheFloats(int dim) {
    Random random = new Random(dim);
    float[] query = new float[dim];
    for (int j = 0; j < dim; j++) {
      query[j] = (float) random.nextGaussian();
    }
    Int8Query rounded = Int8Query.of(query);
    int limit = Int8Query.limitFor(dim);
    assertTrue(127L * limit * dim <= Integer.MAX_VALUE, "a sum of " + dim + " products fits");
    int largest = 0;
    for (int j = 0; j < dim; j++) {
      largest = Math.max(largest, Math.abs(rounded.components[j]));
      assertEquals(query[j], rounded.components[j] * rounded.scale, rounded.scale * 0.5001);
    }
    assertEquals(limit, largest, "the largest component uses the whole range");
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
