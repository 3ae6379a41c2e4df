package io.github.racrec.examples;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TransformerModel;

/** The embedded text encoders a command can run. */
enum EncoderChoice {
  /** all-MiniLM-L6-v2, float32: the default. */
  MINILM("review-vectors.bin"),
  /** all-MiniLM-L6-v2, int8: faster, slightly different vectors. */
  MINILM_INT8("review-vectors-minilm-int8.bin");

  private final String vectorCacheFile;

  EncoderChoice(String vectorCacheFile) {
    this.vectorCacheFile = vectorCacheFile;
  }

  /** The name the command line uses for this encoder. */
  String cliName() {
    return this == MINILM ? "minilm" : "minilm-int8";
  }

  /** Each encoder keeps its own vector cache, so switching never discards the other's. */
  String vectorCacheFile() {
    return vectorCacheFile;
  }

  /** Reads {@code minilm} or {@code minilm-int8} on the command line. */
  static final class Converter implements picocli.CommandLine.ITypeConverter<EncoderChoice> {
    @Override
    public EncoderChoice convert(String value) {
      return switch (value) {
        case "minilm" -> MINILM;
        case "minilm-int8" -> MINILM_INT8;
        default ->
            throw new picocli.CommandLine.TypeConversionException(
                "unknown encoder '" + value + "': use minilm or minilm-int8");
      };
    }
  }

  OnnxTextEncoder build() {
    return builder().build();
  }

  /** A builder set to this encoder's model, for callers that change other settings. */
  OnnxTextEncoder.Builder builder() {
    OnnxTextEncoder.Builder builder = OnnxTextEncoder.builder();
    if (this == MINILM_INT8) {
      builder.model(TransformerModel.embeddedMiniLmQuantized());
    }
    return builder;
  }
}
