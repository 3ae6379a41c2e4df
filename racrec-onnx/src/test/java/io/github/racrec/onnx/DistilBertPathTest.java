package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own DistilBERT export (768-d, no token_type_ids) works by naming its folder. No
 * DistilBERT weights are available here, so a tiny graph with the same inputs, output and size
 * stands in for it.
 */
class DistilBertPathTest {
  private static final List<String> TEXTS =
      List.of(
          "I loved the soundtrack.",
          "A boring plot and terrible actors, no sense at all!",
          "Great music.",
          "The best jazz album of all, very beautiful and quiet, I love it.");

  @TempDir static Path folder;
  static TinyBertModel model;

  @BeforeAll
  static void writeModel() throws IOException {
    model = new TinyBertModel(768, 64, false, 42);
    model.writeFolder(folder);
  }

  @Test
  void encode_distilBertLikeFolder_matchesReferenceMeanUnderMask() {
    try (OnnxTextEncoder encoder =
        OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).build()) {
      assertEquals(768, encoder.dimension());
      assertEquals(64, encoder.maxLength(), "no truncation in tokenizer.json: config.json's limit");
      assertFalse(encoder.normalizes(), "user models give the plain masked mean by default");
      // One batch with texts of different lengths: padding must not leak into the mean.
      float[][] vectors = encoder.encode(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertClose(model.expectedVector(TEXTS.get(i)), vectors[i], 2e-5f);
      }
    }
  }

  @Test
  void encode_batchOfOneOrMany_givesSameVectors() {
    try (OnnxTextEncoder encoder =
        OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).batchSize(3).build()) {
      float[][] together = encoder.encode(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertClose(together[i], encoder.encode(TEXTS.get(i)), 1e-6f);
      }
    }
  }

  @Test
  void build_maxLengthAbovePositionLimit_throwsInvalidArgument() {
    OnnxTextEncoder.Builder builder =
        OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).maxLength(65);
    RacrecException e = assertThrows(RacrecException.class, builder::build);
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  static void assertClose(float[] expected, float[] actual, float tolerance) {
    assertEquals(expected.length, actual.length);
    for (int j = 0; j < expected.length; j++) {
      if (Math.abs(expected[j] - actual[j]) > tolerance) {
        throw new AssertionError(
            "component " + j + ": expected " + expected[j] + " but was " + actual[j]);
      }
    }
  }
}
