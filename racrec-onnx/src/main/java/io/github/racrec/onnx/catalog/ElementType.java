package io.github.racrec.onnx.catalog;

/**
 * How a catalog stores the numbers of its vectors: a catalog-build option that trades exactness for
 * bytes, and bytes are what a catalog scan costs.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum ElementType {
  /** 32-bit IEEE floats, exact. */
  FLOAT32(1, 4),
  /**
   * bfloat16: the upper 16 bits of a float32 (8-bit exponent, 7-bit mantissa), rounded to nearest
   * even. Half the bytes; relative error per component below 2^-8. Chosen over IEEE fp16 because it
   * widens to float32 with one shift, and keeps float32's range.
   */
  BFLOAT16(2, 2),
  /**
   * Signed 8-bit integers with one float32 scale per vector ({@code max |x| / 127}): the scan reads
   * a quarter of the bytes. The file also keeps the float32 vectors, with which each search
   * re-scores its best {@code max(4k, 40)} int8 candidates, so only items that the int8 scores push
   * out of those candidates can be missed; recall@10 against float32 is measured by the benchmarks.
   * The file is 1.25 times the float32 one; the float32 copy is read only for the candidates.
   */
  INT8(3, 1);

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
