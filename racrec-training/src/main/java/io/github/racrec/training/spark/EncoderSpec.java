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
 * are grouped), as many calls side by side as the executor has cores (see {@link #open()}).
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
   * Opens a new encoder; the caller closes it. It runs {@code spark.executor.cores} model calls
   * side by side; where that is not set, every core of the JVM in local mode and one on a cluster
   * (the YARN and Kubernetes default), so that an executor never takes more cores than it was
   * given.
   */
  OnnxTextEncoder open() {
    OnnxTextEncoder.Builder builder = OnnxTextEncoder.builder();
    builder.parallelCalls(Math.max(1, Math.min(256, executorCores())));
    if (folder != null) {
      builder.model(TransformerModel.fromFolder(folder.localPath()));
    } else if (embedded.equals("minilm-int8")) {
      builder.model(TransformerModel.embeddedMiniLmQuantized());
    }
    return builder.build();
  }

  private static int executorCores() {
    SparkEnv env = SparkEnv.get();
    if (env == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    if (env.conf().contains("spark.executor.cores")) {
      return env.conf().getInt("spark.executor.cores", 1);
    }
    return env.conf().get("spark.master", "").startsWith("local")
        ? Runtime.getRuntime().availableProcessors()
        : 1;
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
