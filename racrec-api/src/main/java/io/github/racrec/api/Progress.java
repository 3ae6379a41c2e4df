package io.github.racrec.api;

import java.util.Objects;

/**
 * A progress report of a long operation (encoding a catalog, training, evaluating).
 *
 * <p>Thread-safety: immutable.
 *
 * @param task what is being done, e.g. {@code "encoding reviews"}
 * @param done how many units are done so far
 * @param total how many units there are, or {@code -1} if unknown
 * @param unit the unit being counted, e.g. {@code "reviews"}
 */
public record Progress(String task, long done, long total, String unit) {

  /**
   * Checks the components.
   *
   * @param task what is being done, e.g. {@code "encoding reviews"}
   * @param done how many units are done so far
   * @param total how many units there are, or {@code -1} if unknown
   * @param unit the unit being counted, e.g. {@code "reviews"}
   * @throws NullPointerException if {@code task} or {@code unit} is null
   * @throws IllegalArgumentException if {@code done} is negative or {@code total} is below -1
   */
  public Progress {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(unit, "unit");
    if (done < 0 || total < -1) {
      throw new IllegalArgumentException("bad progress counts: done=" + done + ", total=" + total);
    }
  }

  /**
   * Returns whether the total is known.
   *
   * @return {@code true} if {@link #total()} is not {@code -1}
   */
  public boolean totalKnown() {
    return total >= 0;
  }
}
