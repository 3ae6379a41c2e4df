package io.github.racrec.onnx;

import java.nio.FloatBuffer;

/** Mean of token vectors under the attention mask, optionally scaled to unit length. */
final class MeanPooling {
  private MeanPooling() {}

  /**
   * Pools one row of a [rows, seqLen, hidden] tensor. The first {@code tokens} positions are the
   * row's real tokens (mask 1); the rest are padding (mask 0) and are ignored.
   */
  static void pool(
      FloatBuffer hidden,
      int row,
      int seqLen,
      int hiddenSize,
      int tokens,
      boolean normalize,
      float[] out,
      int outOffset) {
    int rowStart = row * seqLen * hiddenSize;
    for (int j = 0; j < hiddenSize; j++) {
      out[outOffset + j] = 0f;
    }
    for (int t = 0; t < tokens; t++) {
      int base = rowStart + t * hiddenSize;
      for (int j = 0; j < hiddenSize; j++) {
        out[outOffset + j] += hidden.get(base + j);
      }
    }
    float scale = 1f / tokens;
    double squares = 0;
    for (int j = 0; j < hiddenSize; j++) {
      float mean = out[outOffset + j] * scale;
      out[outOffset + j] = mean;
      squares += (double) mean * mean;
    }
    if (normalize && squares > 0) {
      float inverseNorm = (float) (1 / Math.sqrt(squares));
      for (int j = 0; j < hiddenSize; j++) {
        out[outOffset + j] *= inverseNorm;
      }
    }
  }
}
