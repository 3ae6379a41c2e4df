package io.github.racrec.onnx.catalog;

/**
 * Keeps the {@code k} best (score, ordinal) pairs seen so far in a bounded binary min-heap of
 * primitives: no allocation per offered item.
 *
 * <p>"Better" means a higher score, or an equal score and a lower ordinal, so results are
 * deterministic under ties. Not thread-safe: one per search.
 */
final class TopK {
  private final int capacity;
  private final float[] scores;
  private final int[] ordinals;
  private int size;

  TopK(int capacity) {
    this.capacity = capacity;
    this.scores = new float[capacity];
    this.ordinals = new int[capacity];
  }

  /** Offers an item; keeps it if it beats the worst kept one. NaN scores are never kept. */
  void offer(float score, int ordinal) {
    if (size < capacity) {
      if (score != score) {
        return;
      }
      scores[size] = score;
      ordinals[size] = ordinal;
      siftUp(size++);
    } else if (better(score, ordinal, scores[0], ordinals[0])) {
      scores[0] = score;
      ordinals[0] = ordinal;
      siftDown(0);
    }
  }

  /** The score an item must beat to enter, or negative infinity while the heap is not full. */
  float threshold() {
    return size < capacity ? Float.NEGATIVE_INFINITY : scores[0];
  }

  int size() {
    return size;
  }

  /**
   * Empties the heap into the arrays, best first.
   *
   * @return the number of items written
   */
  int drainBestFirst(float[] outScores, int[] outOrdinals) {
    int n = size;
    for (int i = n - 1; i >= 0; i--) {
      outScores[i] = scores[0];
      outOrdinals[i] = ordinals[0];
      size--;
      scores[0] = scores[size];
      ordinals[0] = ordinals[size];
      siftDown(0);
    }
    return n;
  }

  /** Offers every kept item to {@code other}; leaves this heap as it was. */
  void drainInto(TopK other) {
    for (int i = 0; i < size; i++) {
      other.offer(scores[i], ordinals[i]);
    }
  }

  private static boolean better(float scoreA, int ordinalA, float scoreB, int ordinalB) {
    return scoreA > scoreB || (scoreA == scoreB && ordinalA < ordinalB);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!better(scores[parent], ordinals[parent], scores[i], ordinals[i])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && better(scores[left], ordinals[left], scores[right], ordinals[right])) {
        worst = right;
      }
      if (!better(scores[i], ordinals[i], scores[worst], ordinals[worst])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    int o = ordinals[a];
    ordinals[a] = ordinals[b];
    ordinals[b] = o;
  }
}
