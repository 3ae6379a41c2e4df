package io.github.racrec.onnx.catalog;

/**
 * How a catalog stores the numbers of its vectors.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum ElementType {
  /** 32-bit IEEE floats, exact. */
  FLOAT32(1, 4);

  private final int code;
  private final int bytes;

  ElementType(int code, int bytes) {
    this.code = code;
    this.bytes = bytes;
  }

  /**
   * Returns the number stored in the catalog header for this type.
   *
   * @return the code
   */
  int code() {
    return code;
  }

  /**
   * Returns the bytes one vector component takes.
   *
   * @return bytes per component
   */
  public int bytesPerComponent() {
    return bytes;
  }

  static ElementType fromCode(int code) {
    for (ElementType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
