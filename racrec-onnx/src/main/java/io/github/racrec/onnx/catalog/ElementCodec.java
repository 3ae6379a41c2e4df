package io.github.racrec.onnx.catalog;

/** Conversions between float32 and the stored element types. Stateless. */
final class ElementCodec {
  private ElementCodec() {}

  /** Rounds a float to bfloat16, to nearest even (NaN never reaches here: vectors are finite). */
  static short toBfloat16(float value) {
    int bits = Float.floatToRawIntBits(value);
    int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + roundingBias) >>> 16);
  }

  static float fromBfloat16(short value) {
    return Float.intBitsToFloat(value << 16);
  }

  /**
   * Quantizes a vector symmetrically to int8.
   *
   * @param vector the finite input
   * @param out receives round(x / scale), in -127..127
   * @return the scale, {@code max |x| / 127}; 0 for the zero vector
   */
  static float toInt8(float[] vector, byte[] out) {
    float max = 0f;
    for (float value : vector) {
      max = Math.max(max, Math.abs(value));
    }
    float scale = max / 127f;
    float inverse = scale == 0f ? 0f : 1f / scale;
    for (int i = 0; i < vector.length; i++) {
      out[i] = (byte) Math.max(-127, Math.min(127, Math.round(vector[i] * inverse)));
    }
    return scale;
  }
}
