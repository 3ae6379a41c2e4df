package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder's vector cache, and the int8 MiniLM as an alternative embedded model. */
class EncoderCacheAndInt8Test {
  private static final List<String> TEXTS =
      List.of(
          "Great album.",
          "Terrible. The plot made no sense and the actors looked bored.",
          "The soundtrack carried the whole film, strings swelling under the quiet scenes.");

  @Test
  void cache_answersRepeatedTextsWithTheFirstVectors_andCountsHitsAndMisses() {
    try (OnnxTextEncoder cached = OnnxTextEncoder.builder().cacheSize(10).build();
        OnnxTextEncoder plain = OnnxTextEncoder.builder().build()) {
      float[][] first = cached.encode(TEXTS);
      float[][] again = cached.encode(List.of(TEXTS.get(2), "A new text.", TEXTS.get(0)));
      assertArrayEquals(first[2], again[0]);
      assertArrayEquals(first[0], again[2]);
      assertArrayEquals(plain.encode(List.of("A new text."))[0], again[1], 1e-5f);
      OnnxTextEncoder.CacheStatistics stats = cached.cacheStatistics().orElseThrow();
      assertEquals(2, stats.hits());
      assertEquals(4, stats.misses());
      assertEquals(4, stats.size());
      float[][] uncached = plain.encode(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertTrue(EncoderInputTest.cosine(first[i], uncached[i]) >= 0.99999, "text " + i);
      }
      assertTrue(plain.cacheStatistics().isEmpty());
    }
  }

  @Test
  void cache_full_evictsDownToItsSize_andAnswersWhatItHoldsWithTheFirstVectors() {
    // Caffeine's eviction is not strict LRU order: which text goes is its policy's choice, so
    // this checks what holds whatever it chooses.
    try (OnnxTextEncoder cached = OnnxTextEncoder.builder().cacheSize(2).build()) {
      float[][] first = new float[TEXTS.size()][];
      first[0] = cached.encode(List.of(TEXTS.get(0)))[0];
      first[1] = cached.encode(List.of(TEXTS.get(1)))[0];
      assertArrayEquals(first[0], cached.encode(List.of(TEXTS.get(0)))[0]); // not full: a hit
      OnnxTextEncoder.CacheStatistics notFull = cached.cacheStatistics().orElseThrow();
      assertEquals(1, notFull.hits());
      assertEquals(2, notFull.misses());
      assertEquals(2, notFull.size());

      first[2] = cached.encode(List.of(TEXTS.get(2)))[0]; // a third text: one of three must go
      OnnxTextEncoder.CacheStatistics full = cached.cacheStatistics().orElseThrow();
      assertEquals(2, full.capacity());
      assertEquals(2, full.size(), "the cache is back within its size");
      assertEquals(3, full.misses());

      // One call looks all three up before it stores anything: the two held are hits, the one
      // evicted is encoded again, and the cache is still within its size afterwards.
      float[][] again = cached.encode(TEXTS);
      OnnxTextEncoder.CacheStatistics after = cached.cacheStatistics().orElseThrow();
      assertEquals(full.hits() + 2, after.hits());
      assertEquals(full.misses() + 1, after.misses());
      assertEquals(2, after.size());
      int sameBits = 0;
      for (int i = 0; i < TEXTS.size(); i++) {
        sameBits += java.util.Arrays.equals(first[i], again[i]) ? 1 : 0;
        assertTrue(EncoderInputTest.cosine(first[i], again[i]) >= 0.99999, "text " + i);
      }
      assertTrue(sameBits >= 2, "the hits are the stored vectors, bit for bit");
    }
  }

  @Test
  void cache_stillRefusesBadTexts() {
    try (OnnxTextEncoder cached = OnnxTextEncoder.builder().cacheSize(5).build()) {
      RacrecException blank =
          assertThrows(RacrecException.class, () -> cached.encode(List.of("ok", " ")));
      assertEquals(ErrorCode.INVALID_INPUT, blank.code());
    }
    RacrecException negative =
        assertThrows(RacrecException.class, () -> OnnxTextEncoder.builder().cacheSize(-1));
    assertEquals(ErrorCode.INVALID_ARGUMENT, negative.code());
  }

  @Test
  void int8MiniLm_staysCloseToFloat32_butIsAnotherModel() {
    try (OnnxTextEncoder float32 = OnnxTextEncoder.builder().build();
        OnnxTextEncoder int8 =
            OnnxTextEncoder.builder().model(TransformerModel.embeddedMiniLmQuantized()).build()) {
      assertEquals(384, int8.dimension());
      assertNotEquals(float32.fingerprint(), int8.fingerprint());
      float[][] exact = float32.encode(TEXTS);
      float[][] quantized = int8.encode(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        double cosine = EncoderInputTest.cosine(exact[i], quantized[i]);
        assertTrue(cosine > 0.9 && cosine < 0.99999, "text " + i + ": cosine " + cosine);
      }
    }
  }
}
