package io.github.racrec.training.spark;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TransformerModel;
import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.SparkEnv;

/**
 * Which text encoder the executors open: one of the embedded models (in the racrec jars every
 * executor already has) or a model folder shipped with {@link ShippedFile#folder}. The encoder runs
 * with its defaults: on the CPU one text per model call (so its vectors do not depend on how texts
 * are grouped), calls side by side on every core the JVM has.
 *
 * <p>Thread-safety: immutable.
 */
public final class EncoderSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String embedded;
  private final ShippedFile folder;

  private EncoderSpec(String embedded, ShippedFile folder) {
    this.embedded = embedded;
    this.folder = folder;
  }

  /**
   * The default encoder: all-MiniLM-L6-v2, float32, embedded.
   *
   * @return the spec
   */
  public static EncoderSpec embeddedMiniLm() {
    return new EncoderSpec("minilm", null);
  }

  /**
   * all-MiniLM-L6-v2 quantized to int8, embedded: faster, slightly different vectors.
   *
   * @return the spec
   */
  public static EncoderSpec embeddedMiniLmQuantized() {
    return new EncoderSpec("minilm-int8", null);
  }

  /**
   * A transformer exported to a folder ({@code model.onnx} and {@code tokenizer.json}).
   *
   * @param folder the shipped folder
   * @return the spec
   */
  public static EncoderSpec folder(ShippedFile folder) {
    return new EncoderSpec(null, Objects.requireNonNull(folder, "folder"));
  }

  /**
   * Opens a new encoder; the caller closes it. It runs as many calls side by side as the executor
   * has task slots ({@code spark.executor.cores}, else every core the JVM sees), so that an
   * executor given one core of a shared machine uses one.
   */
  OnnxTextEncoder open() {
    OnnxTextEncoder.Builder builder = OnnxTextEncoder.builder();
    int cores = Runtime.getRuntime().availableProcessors();
    SparkEnv env = SparkEnv.get();
    if (env != null && env.conf().contains("spark.executor.cores")) {
      cores = env.conf().getInt("spark.executor.cores", cores);
    }
    builder.parallelCalls(Math.max(1, Math.min(256, cores)));
    if (folder != null) {
      builder.model(TransformerModel.fromFolder(folder.localPath()));
    } else if (embedded.equals("minilm-int8")) {
      builder.model(TransformerModel.embeddedMiniLmQuantized());
    }
    return builder.build();
  }

  /** Tells encoders apart in {@link ExecutorResources}. */
  String key() {
    return folder != null ? "folder " + folder.key() : "embedded " + embedded;
  }

  @Override
  public String toString() {
    return key();
  }
}
