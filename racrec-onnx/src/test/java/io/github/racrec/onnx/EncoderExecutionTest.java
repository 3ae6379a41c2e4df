package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the encoder runs texts: one per call side by side on the CPU, or batched when asked. */
class EncoderExecutionTest {
  @TempDir static Path folder;

  @BeforeAll
  static void writeModel() throws IOException {
    new TinyBertModel(32, 64, true, 11).writeFolder(folder);
  }

  private static OnnxTextEncoder.Builder tiny() {
    return OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder));
  }

  private static List<String> texts(int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add("review number " + i + " " + "very ".repeat(i % 7) + "good music");
    }
    return texts;
  }

  @Test
  void cpuDefaults_oneTextPerCall_oneCallPerCore_batchIndependent() {
    try (OnnxTextEncoder encoder = tiny().build()) {
      assertEquals(1, encoder.batchSize());
      assertEquals(Runtime.getRuntime().availableProcessors(), encoder.parallelCalls());
      assertTrue(encoder.batchIndependent());
    }
  }

  @Test
  void batchedEncoder_saysItIsNotBatchIndependent() {
    try (OnnxTextEncoder encoder = tiny().batchSize(8).build()) {
      assertFalse(encoder.batchIndependent());
    }
  }

  @Test
  void callsSideBySide_giveTheBitsOfCallsOneAfterAnother() {
    List<String> texts = texts(41);
    try (OnnxTextEncoder parallel = tiny().parallelCalls(3).build();
        OnnxTextEncoder sequential = tiny().parallelCalls(1).intraOpThreads(1).build()) {
      float[][] a = parallel.encode(texts);
      float[][] b = sequential.encode(texts);
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(b[i], a[i], "text " + i);
      }
    }
  }

  @Test
  void blankTextAmongMany_isRefusedBeforeAnyCall() {
    List<String> texts = texts(10);
    texts.set(6, "\u0001\u0002");
    try (OnnxTextEncoder encoder = tiny().build()) {
      RacrecException e = assertThrows(RacrecException.class, () -> encoder.encode(texts));
      assertEquals(ErrorCode.INVALID_INPUT, e.code());
      // The encoder still works afterwards.
      assertEquals(10, encoder.encode(texts(10)).length);
    }
  }

  @Test
  void parallelCallsOutOfRange_isRefused() {
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(RacrecException.class, () -> tiny().parallelCalls(0)).code());
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(RacrecException.class, () -> tiny().parallelCalls(257)).code());
  }
}
