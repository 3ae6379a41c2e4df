package io.github.racrec.api;

/**
 * Receives progress reports of a long operation.
 *
 * <p>Operations call it from the thread doing the work, at most a few times per second; a listener
 * should return quickly. An exception it throws aborts the operation.
 *
 * <p>Thread-safety: an operation that works on several threads says so, and then calls the listener
 * from one thread at a time.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Called when the operation has made progress.
   *
   * @param progress the report
   */
  void onProgress(Progress progress);

  /**
   * Returns a listener that ignores every report.
   *
   * @return the silent listener
   */
  static ProgressListener none() {
    return progress -> {};
  }
}
