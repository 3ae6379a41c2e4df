package io.github.racrec.api.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.Encoder;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Encoder} must have. A backend's test class extends this and says how
 * to open its encoder; the tests here then run against it.
 */
public abstract class EncoderContract {

  /** Opens a fresh encoder; each test closes the one it gets. */
  protected abstract Encoder openEncoder();

  /** Texts the encoder can handle; override to suit a small test vocabulary. */
  protected List<String> sampleTexts() {
    return List.of(
        "A quiet, beautiful film.",
        "The soundtrack was the best part of the movie.",
        "Terrible pacing and a plot that made no sense at all.",
        "I loved it");
  }

  protected Encoder encoder;

  @BeforeEach
  void openIt() {
    encoder = openEncoder();
  }

  @AfterEach
  void closeIt() {
    encoder.close();
  }

  @Test
  void encode_texts_giveOneFiniteVectorOfDimensionEach() {
    List<String> texts = sampleTexts();
    float[][] vectors = encoder.encode(texts);
    assertEquals(texts.size(), vectors.length);
    for (float[] vector : vectors) {
      assertEquals(encoder.dimension(), vector.length);
      boolean nonZero = false;
      for (float value : vector) {
        assertTrue(Float.isFinite(value), "vector holds a non-finite value");
        nonZero |= value != 0f;
      }
      assertTrue(nonZero, "vector is all zeros");
    }
    assertFalse(encoder.fingerprint().isEmpty());
  }

  @Test
  void encode_emptyList_returnsEmptyArray() {
    assertEquals(0, encoder.encode(List.of()).length);
  }

  @Test
  void encode_sameCallTwice_givesBitIdenticalVectors() {
    List<String> texts = sampleTexts();
    float[][] first = encoder.encode(texts);
    float[][] second = encoder.encode(texts);
    for (int i = 0; i < first.length; i++) {
      assertArrayEquals(first[i], second[i]);
    }
  }

  @Test
  void encode_textAloneOrInBatch_agreesWithinCosine0_99999() {
    List<String> texts = sampleTexts();
    float[][] batched = encoder.encode(texts);
    for (int i = 0; i < texts.size(); i++) {
      double cosine = cosine(batched[i], encoder.encode(texts.get(i)));
      assertTrue(cosine >= 0.99999, "text " + i + ": cosine " + cosine);
    }
  }

  @Test
  void encode_batchIndependentEncoder_givesEveryTextTheSameBitsAloneOrInAnyCompany() {
    Assumptions.assumeTrue(
        encoder.batchIndependent(), "this encoder batches: only the cosine bound holds");
    List<String> texts = sampleTexts();
    float[][] together = encoder.encode(texts);
    List<String> reversed = new ArrayList<>(texts);
    Collections.reverse(reversed);
    float[][] backwards = encoder.encode(reversed);
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(together[i], encoder.encode(texts.get(i)), "text " + i + " alone");
      assertArrayEquals(
          together[i], backwards[texts.size() - 1 - i], "text " + i + " in another order");
    }
  }

  /** Cosine similarity in double precision. */
  protected static double cosine(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(normA * normB);
  }

  @Test
  void encode_differentTexts_giveDifferentVectors() {
    float[][] vectors = encoder.encode(sampleTexts());
    assertFalse(Arrays.equals(vectors[0], vectors[1]));
  }

  @Test
  void encodeInto_offset_writesOnlyItsSlice() {
    List<String> texts = sampleTexts().subList(0, 2);
    int dim = encoder.dimension();
    float[] out = new float[3 + 2 * dim + 5];
    Arrays.fill(out, -7f);
    encoder.encodeInto(texts, out, 3);
    float[][] expected = encoder.encode(texts);
    assertArrayEquals(expected[0], Arrays.copyOfRange(out, 3, 3 + dim));
    assertArrayEquals(expected[1], Arrays.copyOfRange(out, 3 + dim, 3 + 2 * dim));
    for (int i = 0; i < 3; i++) {
      assertEquals(-7f, out[i]);
    }
    for (int i = 3 + 2 * dim; i < out.length; i++) {
      assertEquals(-7f, out[i]);
    }
  }

  @Test
  void encodeInto_bufferTooSmall_throwsInvalidArgument() {
    float[] out = new float[encoder.dimension()];
    RacrecException e =
        assertThrows(RacrecException.class, () -> encoder.encodeInto(sampleTexts(), out, 0));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void encode_blankText_throwsInvalidInputNamingTheIndex() {
    for (String blank : List.of("", "   ", "\t\n")) {
      List<String> texts = List.of(sampleTexts().get(0), blank);
      RacrecException e = assertThrows(RacrecException.class, () -> encoder.encode(texts));
      assertEquals(ErrorCode.INVALID_INPUT, e.code());
      assertTrue(e.getMessage().contains("1"), e.getMessage());
    }
  }

  @Test
  void encode_nulls_throwNullPointer() {
    assertThrows(NullPointerException.class, () -> encoder.encode((List<String>) null));
    assertThrows(NullPointerException.class, () -> encoder.encode(Arrays.asList("a", null)));
  }

  @Test
  void encode_concurrentCalls_matchSequentialBitForBit() throws Exception {
    List<String> texts = sampleTexts();
    float[][] expected = encoder.encode(texts);
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<float[][]>> tasks = new ArrayList<>();
      for (int t = 0; t < threads * 2; t++) {
        tasks.add(() -> encoder.encode(texts));
      }
      for (Future<float[][]> result : pool.invokeAll(tasks)) {
        float[][] actual = result.get();
        for (int i = 0; i < expected.length; i++) {
          assertArrayEquals(expected[i], actual[i]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void close_twice_isHarmlessAndEncodingAfterwardsThrows() {
    int dim = encoder.dimension();
    encoder.close();
    encoder.close();
    assertThrows(IllegalStateException.class, () -> encoder.encode(sampleTexts()));
    assertEquals(dim, encoder.dimension());
  }
}
