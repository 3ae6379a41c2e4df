package io.github.racrec.benchmarks.encode;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TransformerModel;
import java.util.List;
import java.util.function.UnaryOperator;

/** racrec's {@link OnnxTextEncoder}, float32 or int8 MiniLM, with its defaults or others. */
final class RacrecEngine implements TextEngine {
  private final OnnxTextEncoder encoder;

  RacrecEngine(TransformerModel model, int maxLength) {
    this(model, maxLength, UnaryOperator.identity());
  }

  /** An encoder with settings changed from the defaults, for comparisons of execution shapes. */
  RacrecEngine(
      TransformerModel model, int maxLength, UnaryOperator<OnnxTextEncoder.Builder> settings) {
    this.encoder =
        settings.apply(OnnxTextEncoder.builder().model(model).maxLength(maxLength)).build();
  }

  @Override
  public float[][] encode(List<String> texts, int batch) {
    float[][] vectors = new float[texts.size()][];
    for (int from = 0; from < texts.size(); from += batch) {
      float[][] part = encoder.encode(texts.subList(from, Math.min(texts.size(), from + batch)));
      System.arraycopy(part, 0, vectors, from, part.length);
    }
    return vectors;
  }

  @Override
  public void close() {
    encoder.close();
  }
}
