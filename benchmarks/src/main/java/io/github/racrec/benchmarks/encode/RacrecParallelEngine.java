package io.github.racrec.benchmarks.encode;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TransformerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An experiment: racrec's encoder with one ONNX Runtime thread per call, a batch encoded as one
 * single-text call per text, run side by side on one thread per core (the shape LangChain4j's
 * {@code embedAll} has). A text's vector then does not depend on the batch it came in.
 */
final class RacrecParallelEngine implements TextEngine {
  private final OnnxTextEncoder encoder;
  private final ExecutorService pool;

  RacrecParallelEngine(TransformerModel model, int maxLength) {
    this.encoder =
        OnnxTextEncoder.builder().model(model).maxLength(maxLength).intraOpThreads(1).build();
    this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public float[][] encode(List<String> texts, int batch) {
    float[][] vectors = new float[texts.size()][];
    for (int from = 0; from < texts.size(); from += batch) {
      List<Future<float[]>> parts = new ArrayList<>();
      for (String text : texts.subList(from, Math.min(texts.size(), from + batch))) {
        parts.add(pool.submit(() -> encoder.encode(List.of(text))[0]));
      }
      for (int i = 0; i < parts.size(); i++) {
        try {
          vectors[from + i] = parts.get(i).get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    }
    return vectors;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    encoder.close();
  }
}
