package io.github.racrec.api;

import java.util.Objects;

/**
 * The one exception racrec throws for failures it can explain: bad arguments, bad input, missing,
 * damaged or mismatched files, failed inference.
 *
 * <p>It is unchecked. Its message says what was wrong and what to do about it, prefixed with the
 * {@linkplain #code() error code}, for example {@code "CATALOG_MISMATCH: catalog dimension 384 does
 * not match model dimension 768: rebuild the catalog with this model"}. Exceptions of the libraries
 * racrec uses (ONNX Runtime, DJL, I/O) are wrapped with their original as the cause.
 *
 * <p>Programming errors are not wrapped: a {@code null} argument throws {@link
 * NullPointerException} and use after {@code close()} throws {@link IllegalStateException}.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class RacrecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error code; kept in a field so that it survives serialization with the message. */
  private final ErrorCode code;

  /**
   * Creates an exception with a code and a message.
   *
   * @param code what kind of failure this is
   * @param message what was wrong and what to do about it
   * @throws NullPointerException if {@code code} or {@code message} is null
   */
  public RacrecException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * Creates an exception with a code, a message and the exception that caused it.
   *
   * @param code what kind of failure this is
   * @param message what was wrong and what to do about it
   * @param cause the underlying exception, or {@code null} if there is none
   * @throws NullPointerException if {@code code} or {@code message} is null
   */
  public RacrecException(ErrorCode code, String message, Throwable cause) {
    super(
        Objects.requireNonNull(code, "code").name()
            + ": "
            + Objects.requireNonNull(message, "message"),
        cause);
    this.code = code;
  }

  /**
   * Returns the kind of failure.
   *
   * @return the error code, never null
   */
  public ErrorCode code() {
    return code;
  }
}
