package io.github.racrec.onnx.catalog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The best k-th scores that the threads of one scan have reached, one slot per query. A thread's
 * k-th best score is a lower bound for the merged top k too, so every thread may skip rows below
 * the best bound any thread has published: with two threads each keeps about half the rows out of
 * its heaps that it would keep alone, and the heap work shrinks with the threads as the arithmetic
 * does.
 *
 * <p>Thread-safety: safe for the threads of one scan. Slots are read and written without locks
 * (opaque access): a racing write may replace a higher bound by a lower one, which costs a few
 * extra heap offers but never a result, because every value ever written is a valid bound. Threads
 * test {@code score >= bound}, so rows that tie a bound still enter and ties are settled by ordinal
 * as in a one-thread scan.
 */
final class SharedThresholds {
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(float[].class);

  private final float[] slots;

  SharedThresholds(int count) {
    this.slots = new float[count];
    Arrays.fill(slots, Float.NEGATIVE_INFINITY);
  }

  /**
   * Publishes one thread's bound for slot {@code i} and returns the best bound known.
   *
   * @param own the thread's own k-th best score (negative infinity while its heap is not full)
   */
  float exchange(int i, float own) {
    float known = (float) SLOT.getOpaque(slots, i);
    if (own > known) {
      SLOT.setOpaque(slots, i, own);
      return own;
    }
    return known;
  }
}
