package io.github.racrec.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.internal.DjlDefaults;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    JsonObject root;
    try {
      JsonElement parsed = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("model")) {
        throw new JsonParseException("no top-level object with a \"model\" entry");
      }
      root = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new RacrecException(
          ErrorCode.MODEL_INVALID,
          "tokenizer file "
              + source
              + " is not a HuggingFace tokenizer.json ("
              + e.getMessage()
              + ")",
          e);
    }
    JsonElement truncation = root.get("truncation");
    if (truncation == null || !truncation.isJsonObject()) {
      return OptionalInt.empty();
    }
    JsonElement maxLength = truncation.getAsJsonObject().get("max_length");
    return maxLength == null || !maxLength.isJsonPrimitive()
        ? OptionalInt.empty()
        : OptionalInt.of(maxLength.getAsInt());
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
