package io.github.racrec.onnx.catalog;

/**
 * How an {@link ExactCatalogIndex} scans: threads, where the vectors live, and which kernel runs.
 *
 * <p>Thread-safety: immutable.
 *
 * @param threads threads one scan is split over (the calling thread is one of them); 1 scans on the
 *     calling thread alone, which suits servers that already run many queries at once
 * @param residency where the vectors are read from
 * @param kernel which inner loop scores the rows
 */
public record ScanSettings(int threads, Residency residency, Kernel kernel) {

  /** Where the vectors are read from during a scan. */
  public enum Residency {
    /** On the heap if they take at most a quarter of the maximum heap, else from the mapping. */
    AUTO,
    /** Copied onto the heap when the index opens: the fastest scans. */
    HEAP,
    /** Read from the memory-mapped file: for catalogs larger than the heap. */
    MAPPED
  }

  /** The inner loop. */
  public enum Kernel {
    /** The Vector API kernel where the JVM has {@code jdk.incubator.vector}, else scalar. */
    AUTO,
    /** Plain Java loops (for comparison; runs everywhere). */
    SCALAR,
    /**
     * The Vector API kernel; opening fails with {@code INVALID_ARGUMENT} where the JVM was not
     * started with {@code --add-modules jdk.incubator.vector}.
     */
    VECTOR_API
  }

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if {@code threads} is below 1
   * @throws NullPointerException if an enum is null
   */
  public ScanSettings {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    java.util.Objects.requireNonNull(residency, "residency");
    java.util.Objects.requireNonNull(kernel, "kernel");
  }

  /**
   * Returns the defaults: one thread per available processor, automatic residency and kernel.
   *
   * @return the default settings
   */
  public static ScanSettings defaults() {
    return new ScanSettings(
        Runtime.getRuntime().availableProcessors(), Residency.AUTO, Kernel.AUTO);
  }

  /**
   * Returns these settings with another thread count.
   *
   * @param threads threads per scan, at least 1
   * @return the new settings
   */
  public ScanSettings withThreads(int threads) {
    return new ScanSettings(threads, residency, kernel);
  }

  /**
   * Returns these settings with another residency.
   *
   * @param residency where the vectors are read from
   * @return the new settings
   */
  public ScanSettings withResidency(Residency residency) {
    return new ScanSettings(threads, residency, kernel);
  }

  /**
   * Returns these settings with another kernel.
   *
   * @param kernel the inner loop
   * @return the new settings
   */
  public ScanSettings withKernel(Kernel kernel) {
    return new ScanSettings(threads, residency, kernel);
  }
}
