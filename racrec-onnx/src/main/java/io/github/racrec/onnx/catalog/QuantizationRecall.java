package io.github.racrec.onnx.catalog;

import io.github.racrec.api.CatalogIndex;
import io.github.racrec.api.ScoredItem;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How much of the exact float32 top-k a (quantized) catalog index returns: recall@k = the share of
 * the exact top-k items that the index puts in its own top k, averaged over queries.
 *
 * <p>Thread-safety: stateless.
 */
public final class QuantizationRecall {
  private QuantizationRecall() {}

  /**
   * Measures recall@k.
   *
   * @param exact the catalog's float32 vectors, by ordinal
   * @param index the index over the same items in the same order
   * @param queries the queries
   * @param k the cut-off
   * @return the mean recall@k, in [0, 1]
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code k} is below 1 or sizes disagree
   */
  public static double measure(float[][] exact, CatalogIndex index, float[][] queries, int k) {
    Objects.requireNonNull(exact, "exact");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(queries, "queries");
    if (k < 1 || exact.length != index.size()) {
      throw new IllegalArgumentException("k must be >= 1 and the vectors must be the index's");
    }
    if (queries.length == 0 || exact.length == 0) {
      return 1.0;
    }
    int cut = Math.min(k, exact.length);
    List<List<ScoredItem>> found = index.searchBatch(queries, cut);
    long hits = 0;
    for (int q = 0; q < queries.length; q++) {
      Set<Integer> truth = exactTop(exact, queries[q], cut);
      for (ScoredItem item : found.get(q)) {
        hits += truth.contains(item.ordinal()) ? 1 : 0;
      }
    }
    return hits / (double) ((long) cut * queries.length);
  }

  /**
   * Picks evenly spaced vectors as queries.
   *
   * @param vectors the candidates
   * @param count how many to take at most
   * @return the queries
   */
  public static float[][] evenlySpaced(float[][] vectors, int count) {
    int n = Math.min(count, vectors.length);
    float[][] queries = new float[n][];
    for (int i = 0; i < n; i++) {
      queries[i] = vectors[(int) ((long) i * vectors.length / n)];
    }
    return queries;
  }

  private static Set<Integer> exactTop(float[][] vectors, float[] query, int k) {
    double[] scores = new double[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      double sum = 0;
      float[] vector = vectors[i];
      for (int j = 0; j < query.length; j++) {
        sum += (double) query[j] * vector[j];
      }
      scores[i] = sum;
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double threshold = sorted[sorted.length - k];
    Set<Integer> top = new HashSet<>();
    for (int i = 0; i < scores.length && top.size() < k; i++) {
      if (scores[i] > threshold) {
        top.add(i);
      }
    }
    for (int i = 0; i < scores.length && top.size() < k; i++) {
      if (scores[i] == threshold) {
        top.add(i); // ties at the threshold: lowest ordinals first, as the index breaks them
      }
    }
    return top;
  }
}
