package io.github.racrec.examples.web;

/**
 * A request the service answers with an error: the HTTP status, a stable code clients can test, and
 * a message for people.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
