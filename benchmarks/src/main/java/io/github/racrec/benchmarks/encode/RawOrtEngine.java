package io.github.racrec.benchmarks.encode;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * The floor for an ONNX Runtime encoder: the fewest steps that give MiniLM sentence vectors (one
 * batched tokenizer call, the batch padded to its longest text, one session run, mean pooling and
 * unit length), with ONNX Runtime's default session options, as a user would write it by hand.
 */
final class RawOrtEngine implements TextEngine {
  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;

  RawOrtEngine(int maxLength) {
    try {
      session = environment.createSession(resource("all-minilm-l6-v2.onnx"));
      try (InputStream in = open("all-minilm-l6-v2-tokenizer.json")) {
        tokenizer =
            HuggingFaceTokenizer.newInstance(
                in,
                Map.of(
                    "maxLength", Integer.toString(maxLength),
                    "truncation", "true",
                    "padding", "false"));
      }
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("cannot load MiniLM for the raw ONNX Runtime engine", e);
    }
  }

  @Override
  public float[][] encode(List<String> texts, int batch) {
    float[][] vectors = new float[texts.size()][];
    for (int from = 0; from < texts.size(); from += batch) {
      List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
      float[][] encoded = run(tokenizer.batchEncode(part.toArray(String[]::new)));
      System.arraycopy(encoded, 0, vectors, from, encoded.length);
    }
    return vectors;
  }

  private float[][] run(Encoding[] encodings) {
    int rows = encodings.length;
    int length = 0;
    for (Encoding encoding : encodings) {
      length = Math.max(length, encoding.getIds().length);
    }
    long[] ids = new long[rows * length];
    long[] mask = new long[rows * length];
    long[] types = new long[rows * length];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(encodings[r].getIds(), 0, ids, r * length, encodings[r].getIds().length);
      long[] attention = encodings[r].getAttentionMask();
      System.arraycopy(attention, 0, mask, r * length, attention.length);
      long[] type = encodings[r].getTypeIds();
      System.arraycopy(type, 0, types, r * length, type.length);
    }
    long[] shape = {rows, length};
    try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape);
        OrtSession.Result result =
            session.run(
                Map.of(
                    "input_ids", idTensor,
                    "attention_mask", maskTensor,
                    "token_type_ids", typeTensor))) {
      FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
      int dim = hidden.remaining() / (rows * length);
      float[][] vectors = new float[rows][dim];
      for (int r = 0; r < rows; r++) {
        int tokens = encodings[r].getIds().length;
        for (int t = 0; t < tokens; t++) {
          int base = (r * length + t) * dim;
          for (int d = 0; d < dim; d++) {
            vectors[r][d] += hidden.get(base + d);
          }
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
          norm += vectors[r][d] * vectors[r][d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dim; d++) {
          vectors[r][d] *= scale;
        }
      }
      return vectors;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed", e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream open(String name) {
    InputStream in = RawOrtEngine.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the class path");
    }
    return in;
  }

  @Override
  public void close() {
    tokenizer.close();
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }
}
