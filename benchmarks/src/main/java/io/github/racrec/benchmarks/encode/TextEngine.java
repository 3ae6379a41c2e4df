package io.github.racrec.benchmarks.encode;

import java.util.List;

/** One way of turning texts into MiniLM sentence vectors, as benchmarked side by side. */
interface TextEngine extends AutoCloseable {
  /**
   * Encodes the texts, {@code batch} per model call, and returns the vectors.
   *
   * @param texts the texts
   * @param batch texts per call
   * @return one vector per text
   */
  float[][] encode(List<String> texts, int batch);

  @Override
  void close();
}
