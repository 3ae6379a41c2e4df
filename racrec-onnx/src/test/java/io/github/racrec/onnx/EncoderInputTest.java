package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile and odd texts through the embedded encoder: a clear exception or a documented result. */
class EncoderInputTest {
  static OnnxTextEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = OnnxTextEncoder.builder().build();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void encode_emptyList_returnsNoVectors() {
    assertEquals(0, encoder.encode(List.of()).length);
  }

  @Test
  void encode_oneMegabyteText_isTruncatedToMaxLength() {
    String sentence = "The soundtrack was wonderful and the story moved me deeply. ";
    String huge = sentence.repeat(1_000_000 / sentence.length() + 1);
    assertTrue(huge.length() >= 1_000_000);
    // 128 tokens cover far less than 20 sentences, so only that much of the text counts.
    String prefix = sentence.repeat(20);
    assertArrayEquals(encoder.encode(prefix), encoder.encode(huge));
  }

  @Test
  void encode_controlCharactersOnly_throwsInvalidInput() {
    RacrecException e =
        assertThrows(RacrecException.class, () -> encoder.encode("\u0000\u0001\u0007\u001b"));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
  }

  @Test
  void encode_controlCharactersInsideText_areDroppedLikeTheTokenizerDoes() {
    float[] clean = encoder.encode("great music");
    float[] dirty = encoder.encode("great\u0000 \u0007music\u001b");
    assertTrue(EncoderInputTest.cosine(clean, dirty) > 0.99999);
  }

  @Test
  void encode_unpairedSurrogates_areReplacedNotFatal() {
    float[] broken = encoder.encode("\uD800 lovely music \uDC00");
    float[] replaced = encoder.encode("\uFFFD lovely music \uFFFD");
    assertArrayEquals(replaced, broken);
  }

  @Test
  void encode_validSurrogatePairs_areKept() {
    assertEquals("a\uD83D\uDE00b", TextInputs.replaceUnpairedSurrogates("a\uD83D\uDE00b"));
    assertEquals("\uFFFDa\uFFFD", TextInputs.replaceUnpairedSurrogates("\uDE00a\uD83D"));
  }

  @Test
  void encode_emojiOnly_isEncoded() {
    float[] vector = encoder.encode("🎉🎶");
    assertEquals(384, vector.length);
  }

  static double cosine(float[] a, float[] b) {
    return MiniLmReferenceTest.cosine(a, b);
  }
}
