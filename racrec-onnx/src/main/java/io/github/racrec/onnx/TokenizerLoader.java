package io.github.racrec.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.internal.DjlDefaults;
import io.github.racrec.onnx.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Creates DJL HuggingFace tokenizers from {@code tokenizer.json} bytes, set up the way the encoder
 * needs them: truncation at a maximum length, no padding (the encoder pads each batch itself).
 */
final class TokenizerLoader {
  private TokenizerLoader() {}

  /**
   * Returns the file's truncation length, if it sets one; also checks that the bytes are a
   * tokenizer file at all, so that a broken file fails here with a clear message.
   */
  static OptionalInt truncationLength(byte[] json, String source) {
    JsonNode root;
    try {
      root = Json.reader().readTree(json);
    } catch (IOException e) {
      throw notATokenizer(source, e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.has("model")) {
      throw notATokenizer(source, "no top-level object with a \"model\" entry", null);
    }
    JsonNode truncation = root.get("truncation");
    if (truncation == null || !truncation.isObject()) {
      return OptionalInt.empty();
    }
    JsonNode maxLength = truncation.get("max_length");
    return maxLength != null && maxLength.isIntegralNumber() && maxLength.canConvertToInt()
        ? OptionalInt.of(maxLength.intValue())
        : OptionalInt.empty();
  }

  private static RacrecException notATokenizer(String source, String problem, Exception cause) {
    return new RacrecException(
        ErrorCode.MODEL_INVALID,
        "tokenizer file " + source + " is not a HuggingFace tokenizer.json (" + problem + ")",
        cause);
  }

  static HuggingFaceTokenizer create(byte[] json, int maxLength, int positionLimit, String source) {
    DjlDefaults.apply();
    Map<String, String> options =
        Map.of(
            "padding", "false",
            "truncation", "true",
            "maxLength", Integer.toString(maxLength),
            "modelMaxLength", Integer.toString(positionLimit),
            "addSpecialTokens", "true");
    try {
      return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
    } catch (IOException | RuntimeException e) {
      throw new RacrecException(
          ErrorCode.MODEL_INVALID,
          "cannot create a tokenizer from " + source + ": " + e.getMessage(),
          e);
    }
  }
}
