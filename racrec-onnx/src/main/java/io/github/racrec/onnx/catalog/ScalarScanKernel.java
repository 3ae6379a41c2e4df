package io.github.racrec.onnx.catalog;

/**
 * The portable kernel: plain Java loops with four independent sums, which lets the CPU overlap the
 * additions (a single running sum makes every addition wait for the previous one).
 */
final class ScalarScanKernel implements ScanKernel {
  static final ScalarScanKernel INSTANCE = new ScalarScanKernel();

  private ScalarScanKernel() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public String blocking() {
    return "batches one row at a time, no vector registers";
  }

  @Override
  public void dotFloat32(float[] query, float[] rows, int offset, int n, int dim, float[] out) {
    for (int r = 0; r < n; r++) {
      int base = offset + r * dim;
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      int j = 0;
      for (; j + 3 < dim; j += 4) {
        s0 += query[j] * rows[base + j];
        s1 += query[j + 1] * rows[base + j + 1];
        s2 += query[j + 2] * rows[base + j + 2];
        s3 += query[j + 3] * rows[base + j + 3];
      }
      for (; j < dim; j++) {
        s0 += query[j] * rows[base + j];
      }
      out[r] = (s0 + s1) + (s2 + s3);
    }
  }

  @Override
  public void dotBfloat16(float[] query, short[] rows, int offset, int n, int dim, float[] out) {
    for (int r = 0; r < n; r++) {
      int base = offset + r * dim;
      float s0 = 0f;
      float s1 = 0f;
      int j = 0;
      for (; j + 1 < dim; j += 2) {
        s0 += query[j] * ElementCodec.fromBfloat16(rows[base + j]);
        s1 += query[j + 1] * ElementCodec.fromBfloat16(rows[base + j + 1]);
      }
      for (; j < dim; j++) {
        s0 += query[j] * ElementCodec.fromBfloat16(rows[base + j]);
      }
      out[r] = s0 + s1;
    }
  }

  @Override
  public void dotInt8(short[] query, byte[] rows, int offset, int n, int dim, float[] out) {
    for (int r = 0; r < n; r++) {
      int base = offset + r * dim;
      int s0 = 0;
      int s1 = 0;
      int j = 0;
      for (; j + 1 < dim; j += 2) {
        s0 += query[j] * rows[base + j];
        s1 += query[j + 1] * rows[base + j + 1];
      }
      for (; j < dim; j++) {
        s0 += query[j] * rows[base + j];
      }
      out[r] = s0 + s1;
    }
  }

  @Override
  public void decodeBfloat16(short[] in, int offset, int length, float[] out) {
    for (int i = 0; i < length; i++) {
      out[i] = ElementCodec.fromBfloat16(in[offset + i]);
    }
  }

  @Override
  public void decodeInt8(byte[] in, int offset, int length, float[] out) {
    for (int i = 0; i < length; i++) {
      out[i] = in[offset + i];
    }
  }

  @Override
  public int scaleAndFilterBatch(
      float[] scores,
      int n,
      int width,
      float[] queryScales,
      float[] rowScales,
      int firstRow,
      float[] thresholds,
      int[] passing) {
    int listed = 0;
    for (int r = 0; r < n; r++) {
      int at = r * width;
      if (queryScales != null) {
        float rowScale = rowScales[firstRow + r];
        for (int q = 0; q < width; q++) {
          scores[at + q] *= queryScales[q] * rowScale;
        }
      }
      if (anyAtLeast(scores, at, thresholds, 0, width)) {
        passing[listed++] = r;
      }
    }
    return listed;
  }

  @Override
  public long lanesAtLeast(float[] scores, int at, float[] thresholds, int from) {
    long reaching = 0;
    for (int i = 0; i < groupWidth() / 4; i++) {
      if (scores[at + i] >= thresholds[from + i]) {
        reaching |= 1L << i;
      }
    }
    return reaching;
  }

  @Override
  public boolean anyAtLeast(float[] scores, int at, float[] thresholds, int from, int width) {
    for (int q = 0; q < width; q++) {
      if (scores[at + q] >= thresholds[from + q]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void dotFloat32Batch(
      float[] packed, int width, float[] rows, int offset, int n, int dim, float[] out) {
    for (int r = 0; r < n; r++) {
      int base = offset + r * dim;
      int target = r * width;
      java.util.Arrays.fill(out, target, target + width, 0f);
      for (int j = 0; j < dim; j++) {
        float x = rows[base + j];
        int column = j * width;
        for (int q = 0; q < width; q++) {
          out[target + q] += x * packed[column + q];
        }
      }
    }
  }

  @Override
  public int groupWidth() {
    return 16;
  }
}
