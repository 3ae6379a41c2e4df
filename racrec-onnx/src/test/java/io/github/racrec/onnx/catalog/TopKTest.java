package io.github.racrec.onnx.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The top k against a full sort, under ties, NaN, infinities and every offer order. */
class TopKTest {
  @ParameterizedTest(name = "k={0} n={1} distinct scores={2}")
  @CsvSource({
    "1, 1, 1000",
    "1, 500, 1000",
    "10, 5, 1000",
    "10, 10, 1000",
    "10, 21, 1000",
    "10, 5000, 1000",
    "40, 100000, 1000000",
    "40, 5000, 3",
    "64, 3000, 1",
    "1500, 20000, 100",
    "5000, 4999, 50"
  })
  void keepsTheBestKUnderTheOrdinalTieBreak(int k, int n, int distinct) {
    Random random = new Random(k * 31L + n);
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = random.nextInt(distinct) - distinct / 2f;
      if (i % 97 == 5) {
        scores[i] = Float.NaN; // never kept, nor is negative infinity
      } else if (i % 101 == 7) {
        scores[i] = i % 2 == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
      }
    }
    Integer[] expected =
        IntStream.range(0, n)
            .filter(i -> !Float.isNaN(scores[i]) && scores[i] != Float.NEGATIVE_INFINITY)
            .boxed()
            .sorted(
                Comparator.<Integer>comparingDouble(i -> -scores[i])
                    .thenComparingInt(Integer::intValue))
            .limit(k)
            .toArray(Integer[]::new);

    // In order, in reverse and shuffled, and split over two tops merged as the scanner merges.
    int[] order = IntStream.range(0, n).toArray();
    for (int pass = 0; pass < 3; pass++) {
      if (pass == 1) {
        order = IntStream.range(0, n).map(i -> n - 1 - i).toArray();
      } else if (pass == 2) {
        for (int i = n - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int swap = order[i];
          order[i] = order[j];
          order[j] = swap;
        }
      }
      TopK whole = new TopK(k);
      TopK first = new TopK(k);
      TopK second = new TopK(k);
      for (int i = 0; i < n; i++) {
        int ordinal = order[i];
        whole.offer(scores[ordinal], ordinal);
        (i < n / 2 ? first : second).offer(scores[ordinal], ordinal);
        assertTrue(whole.size() <= k);
      }
      TopK merged = new TopK(k);
      first.drainInto(merged);
      second.drainInto(merged);
      assertBestFirst(expected, scores, whole, "pass " + pass);
      assertBestFirst(expected, scores, merged, "merged, pass " + pass);
    }
  }

  private static void assertBestFirst(Integer[] expected, float[] scores, TopK top, String what) {
    assertEquals(expected.length, top.size(), what);
    float[] outScores = new float[top.size()];
    int[] outOrdinals = new int[top.size()];
    assertEquals(expected.length, top.drainBestFirst(outScores, outOrdinals), what);
    int[] expectedOrdinals = Arrays.stream(expected).mapToInt(Integer::intValue).toArray();
    assertArrayEquals(expectedOrdinals, outOrdinals, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(scores[expected[i]], outScores[i], what);
    }
    assertEquals(0, top.size(), what + ": drained");
    top.offer(-1e30f, 7); // a drained top k starts over
    assertEquals(1, top.size(), what + ": reused");
  }
}
