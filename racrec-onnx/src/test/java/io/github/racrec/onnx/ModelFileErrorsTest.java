package io.github.racrec.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Missing, damaged and unfitting model files fail with a specific code and a clear message. */
class ModelFileErrorsTest {
  @TempDir Path dir;

  private Path tinyModel() throws IOException {
    return new TinyBertModel(16, 32, false, 3).writeFolder(dir.resolve("model"));
  }

  private static RacrecException assertFails(ErrorCode code, String fragment, Executable call) {
    RacrecException e = assertThrows(RacrecException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    return e;
  }

  @Test
  void fromFolder_missingFolder_throwsModelNotFound() {
    assertFails(
        ErrorCode.MODEL_NOT_FOUND,
        "does not exist",
        () -> TransformerModel.fromFolder(dir.resolve("nowhere")));
  }

  @Test
  void fromFolder_noTokenizer_throwsModelNotFound() throws IOException {
    Path folder = tinyModel();
    Files.delete(folder.resolve("tokenizer.json"));
    assertFails(ErrorCode.MODEL_NOT_FOUND, "tokenizer", () -> TransformerModel.fromFolder(folder));
  }

  @Test
  void fromFolder_noOnnxFile_throwsModelNotFound() throws IOException {
    Path folder = tinyModel();
    Files.delete(folder.resolve("model.onnx"));
    assertFails(ErrorCode.MODEL_NOT_FOUND, ".onnx", () -> TransformerModel.fromFolder(folder));
  }

  @Test
  void fromFolder_onnxInSubfolder_isFound() throws IOException {
    Path folder = tinyModel();
    Files.createDirectories(folder.resolve("onnx"));
    Files.move(folder.resolve("model.onnx"), folder.resolve("onnx/model.onnx"));
    try (OnnxTextEncoder encoder =
        OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).build()) {
      assertEquals(16, encoder.encode("great song").length);
    }
  }

  @Test
  void build_truncatedOnnxFile_throwsModelInvalid() throws IOException {
    Path folder = tinyModel();
    Path onnx = folder.resolve("model.onnx");
    byte[] bytes = Files.readAllBytes(onnx);
    Files.write(onnx, Arrays.copyOf(bytes, bytes.length / 2));
    assertFails(
        ErrorCode.MODEL_INVALID,
        "cannot load",
        () -> OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).build());
  }

  @Test
  void build_notOnnxAtAll_throwsModelInvalid() throws IOException {
    Path folder = tinyModel();
    Files.writeString(folder.resolve("model.onnx"), "this is not a model");
    assertFails(
        ErrorCode.MODEL_INVALID,
        "cannot load",
        () -> OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).build());
  }

  @Test
  void build_brokenTokenizerJson_throwsModelInvalid() throws IOException {
    Path folder = tinyModel();
    Files.writeString(folder.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPie");
    assertFails(
        ErrorCode.MODEL_INVALID,
        "tokenizer",
        () -> OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).build());
  }

  @Test
  void build_tokenizerJsonOfWrongShape_throwsModelInvalid() throws IOException {
    Path folder = tinyModel();
    Files.writeString(folder.resolve("tokenizer.json"), "{\"model\": {\"type\": \"Nonsense\"}}");
    assertFails(
        ErrorCode.MODEL_INVALID,
        "tokenizer",
        () -> OnnxTextEncoder.builder().model(TransformerModel.fromFolder(folder)).build());
  }

  @Test
  void fromFolder_badConfigJson_throwsModelInvalid() throws IOException {
    Path folder = tinyModel();
    Files.writeString(folder.resolve("config.json"), "{\"max_position_embeddings\": \"many\"}");
    assertFails(
        ErrorCode.MODEL_INVALID,
        "max_position_embeddings",
        () -> TransformerModel.fromFolder(folder));
  }
}
