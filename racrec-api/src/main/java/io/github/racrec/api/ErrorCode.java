package io.github.racrec.api;

/**
 * What went wrong, as carried by a {@link RacrecException}.
 *
 * <p>Codes are stable: callers may switch on them (for example to answer HTTP 400 for {@link
 * #INVALID_ARGUMENT} and {@link #INVALID_INPUT}, and 500 for the rest). New codes may be added in
 * later versions.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum ErrorCode {
  /** A parameter is out of range: {@code k <= 0}, a vector of the wrong length, a bad setting. */
  INVALID_ARGUMENT("a parameter is out of range"),
  /** Input content is unusable: a blank review text, a vector holding NaN. */
  INVALID_INPUT("the input content cannot be used"),
  /** A model file, folder or classpath resource does not exist. */
  MODEL_NOT_FOUND("a model file or resource is missing"),
  /** A model file exists but cannot be loaded (not ONNX, truncated, unreadable tokenizer). */
  MODEL_INVALID("a model file cannot be loaded"),
  /** A model loads but does not fit: missing inputs or outputs, wrong dimensions or fingerprint. */
  MODEL_INCOMPATIBLE("a model does not fit what it is used with"),
  /** Running a model failed at inference time. */
  INFERENCE_FAILED("model inference failed"),
  /** A catalog file does not exist. */
  CATALOG_NOT_FOUND("a catalog file is missing"),
  /** A catalog file is damaged: bad magic, unknown version, truncated, checksum mismatch. */
  CATALOG_CORRUPT("a catalog file is damaged"),
  /** A catalog is intact but was built for another model or dimension. */
  CATALOG_MISMATCH("a catalog does not match the model"),
  /** A data file (reviews, metadata) cannot be read as a whole. */
  DATA_FORMAT("a data file cannot be read"),
  /** An I/O operation failed for a reason outside racrec (disk full, permissions). */
  IO_ERROR("an I/O operation failed");

  private final String summary;

  ErrorCode(String summary) {
    this.summary = summary;
  }

  /**
   * Returns a short, human-readable summary of this kind of failure.
   *
   * @return the summary, never empty
   */
  public String summary() {
    return summary;
  }
}
