package io.github.racrec.benchmarks.encode;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * LangChain4j's in-process all-MiniLM-L6-v2 (float32 or its int8 version) with its defaults: the
 * alternative a Java user would reach for. Batch 1 calls {@code embed} per text; larger batches
 * call {@code embedAll}, which LangChain4j spreads over its own thread pool.
 */
final class LangChain4jEngine implements TextEngine {
  private final EmbeddingModel model;

  LangChain4jEngine(EmbeddingModel model) {
    this.model = model;
  }

  @Override
  public float[][] encode(List<String> texts, int batch) {
    float[][] vectors = new float[texts.size()][];
    if (batch == 1) {
      for (int i = 0; i < texts.size(); i++) {
        vectors[i] = model.embed(texts.get(i)).content().vector();
      }
      return vectors;
    }
    for (int from = 0; from < texts.size(); from += batch) {
      List<TextSegment> segments = new ArrayList<>();
      for (String text : texts.subList(from, Math.min(texts.size(), from + batch))) {
        segments.add(TextSegment.from(text));
      }
      List<Embedding> embeddings = model.embedAll(segments).content();
      for (int i = 0; i < embeddings.size(); i++) {
        vectors[from + i] = embeddings.get(i).vector();
      }
    }
    return vectors;
  }

  @Override
  public void close() {
    // LangChain4j's model has nothing to close.
  }
}
