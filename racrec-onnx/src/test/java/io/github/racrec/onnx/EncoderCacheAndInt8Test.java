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
  void cache_evictsTheLeastRecentlyUsedText() {
    try (OnnxTextEncoder cached = OnnxTextEncoder.builder().cacheSize(2).build()) {
      cached.encode(List.of(TEXTS.get(0)));
      cached.encode(List.of(TEXTS.get(1)));
      cached.encode(List.of(TEXTS.get(0))); // hit: text 0 is now the most recent
      cached.encode(List.of(TEXTS.get(2))); // evicts text 1
      cached.encode(List.of(TEXTS.get(0))); // hit
      cached.encode(List.of(TEXTS.get(1))); // miss
      OnnxTextEncoder.CacheStatistics stats = cached.cacheStatistics().orElseThrow();
      assertEquals(2, stats.hits());
      assertEquals(4, stats.misses());
      assertEquals(2, stats.size());
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
