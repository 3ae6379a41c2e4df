package io.github.racrec.onnx.catalog;

/**
 * Keeps the {@code k} best (score, ordinal) pairs seen so far, in primitive arrays: no allocation
 * per offered item.
 *
 * <p>Items that beat the k-th best of the last selection are appended to a buffer with room for
 * more than {@code k}; when it is full, a quickselect keeps the best {@code k} and raises the bar.
 * An append costs two stores where a binary heap costs a sift of unpredictable branches, and a
 * 64-query batch offers tens of thousands of items per scan.
 *
 * <p>"Better" means a higher score, or an equal score and a lower ordinal, so results are
 * deterministic under ties and do not depend on the order of offers. NaN and negative infinity are
 * never kept (no item scores that low; it lets the batch filter skip them). Not thread-safe: one
 * per search and thread.
 */
final class TopK {
  private final int capacity;
  private final float[] scores;
  private final int[] ordinals;
  private int size;

  /** The k-th best item of the last selection: items not better than it cannot enter. */
  private float barScore = Float.NEGATIVE_INFINITY;

  private int barOrdinal = -1; // so that nothing ties the initial bar: -inf never enters

  TopK(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity + " < 1");
    }
    this.capacity = capacity;
    // Room for k more: a selection costs O(k) and comes after at least k appends.
    int room = capacity + Math.max(capacity, 16);
    this.scores = new float[room];
    this.ordinals = new int[room];
  }

  /** Offers an item; keeps it if it may be among the best {@code k}. */
  void offer(float score, int ordinal) {
    if (!better(score, ordinal, barScore, barOrdinal)) {
      return; // also every NaN and negative infinity
    }
    scores[size] = score;
    ordinals[size] = ordinal;
    if (++size == scores.length) {
      select();
    }
  }

  /**
   * A score that an item must reach to enter: the k-th best of the last selection, negative
   * infinity before the first. It only rises, and may lag behind the best k seen.
   */
  float threshold() {
    return barScore;
  }

  /** How many items the top k holds now: at most {@code k}. */
  int size() {
    return Math.min(size, capacity);
  }

  /**
   * Empties this into the arrays, best first, and starts over (the bar back at negative infinity).
   *
   * @return the number of items written
   */
  int drainBestFirst(float[] outScores, int[] outOrdinals) {
    if (size > capacity) {
      select();
    }
    int n = size;
    // Heap sort of the kept items: a min-heap, whose root (the worst) goes to the back.
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(i, n);
    }
    for (int end = n; end > 0; end--) {
      outScores[end - 1] = scores[0];
      outOrdinals[end - 1] = ordinals[0];
      swap(0, end - 1);
      siftDown(0, end - 1);
    }
    size = 0;
    barScore = Float.NEGATIVE_INFINITY;
    barOrdinal = -1;
    return n;
  }

  /** Offers every kept item to {@code other}; keeps them here too. */
  void drainInto(TopK other) {
    if (size > capacity) {
      select();
    }
    for (int i = 0; i < size; i++) {
      other.offer(scores[i], ordinals[i]);
    }
  }

  /** Keeps the best {@code k} of the buffer at its front and raises the bar to the k-th of them. */
  private void select() {
    int low = 0;
    int high = size - 1;
    int kth = capacity - 1;
    while (low < high) {
      int at = partition(low, high);
      if (at == kth) {
        break;
      } else if (at < kth) {
        low = at + 1;
      } else {
        high = at - 1;
      }
    }
    size = capacity;
    barScore = scores[kth];
    barOrdinal = ordinals[kth];
  }

  /**
   * Lomuto partition around the median of the first, middle and last items: better items to the
   * left. Returns the pivot's final place. Ordinals are distinct, so the order is strict and ties
   * cannot degrade it; the median of three keeps sorted and reversed offers linear.
   */
  private int partition(int low, int high) {
    int middle = (low + high) >>> 1;
    if (better(scores[middle], ordinals[middle], scores[low], ordinals[low])) {
      swap(middle, low);
    }
    if (better(scores[high], ordinals[high], scores[low], ordinals[low])) {
      swap(high, low);
    }
    if (better(scores[high], ordinals[high], scores[middle], ordinals[middle])) {
      swap(high, middle);
    }
    swap(middle, high); // the median (second best of the three) becomes the pivot
    float pivotScore = scores[high];
    int pivotOrdinal = ordinals[high];
    // Without branches: every item is swapped to the boundary, which only moves past it when it is
    // better. [low, store) holds better items, [store, i] the others, so swapping item i with the
    // first of the others keeps both runs. Half the comparisons would be mispredicted branches.
    int store = low;
    for (int i = low; i < high; i++) {
      float score = scores[i];
      int ordinal = ordinals[i];
      boolean isBetter = score > pivotScore | (score == pivotScore & ordinal < pivotOrdinal);
      scores[i] = scores[store];
      ordinals[i] = ordinals[store];
      scores[store] = score;
      ordinals[store] = ordinal;
      store += isBetter ? 1 : 0;
    }
    swap(store, high);
    return store;
  }

  private static boolean better(float scoreA, int ordinalA, float scoreB, int ordinalB) {
    return scoreA > scoreB || (scoreA == scoreB && ordinalA < ordinalB);
  }

  /** Restores the min-heap (worst at the root) below {@code i} within the first {@code n}. */
  private void siftDown(int i, int n) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= n) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < n && better(scores[left], ordinals[left], scores[right], ordinals[right])) {
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
