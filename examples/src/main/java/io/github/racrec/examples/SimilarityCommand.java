package io.github.racrec.examples;

import io.github.racrec.onnx.Device;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TransformerModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Encodes texts and prints how similar each pair is: the encoder, end to end, in one command. */
@Command(
    name = "similarity",
    mixinStandardHelpOptions = true,
    description = "Encode texts with the transformer and print their cosine similarities.")
final class SimilarityCommand implements Callable<Integer> {
  private static final List<String> DEFAULT_TEXTS =
      List.of(
          "A haunting film with a score that stayed with me for days.",
          "The soundtrack is gorgeous: sweeping strings and a lonely piano.",
          "Loud, dumb action movie, but the car chases are fun.",
          "Heavy guitar riffs and pounding drums from start to finish.");

  @Parameters(description = "Texts to compare (default: four sample reviews).", arity = "0..*")
  List<String> texts;

  @Option(
      names = "--model",
      description =
          "A model folder (model.onnx + tokenizer.json), e.g. a DistilBERT export."
              + " Default: the embedded all-MiniLM-L6-v2.")
  Path modelFolder;

  @Option(names = "--max-length", description = "Tokens per text (default: the model's).")
  Integer maxLength;

  @Option(names = "--device", description = "CPU or CUDA (default: ${DEFAULT-VALUE}).")
  Device device = Device.CPU;

  @Override
  public Integer call() {
    List<String> inputs = texts == null || texts.isEmpty() ? DEFAULT_TEXTS : texts;
    OnnxTextEncoder.Builder builder = OnnxTextEncoder.builder().device(device);
    if (modelFolder != null) {
      builder.model(TransformerModel.fromFolder(modelFolder));
    }
    if (maxLength != null) {
      builder.maxLength(maxLength);
    }
    try (OnnxTextEncoder encoder = builder.build()) {
      long start = System.nanoTime();
      float[][] vectors = encoder.encode(inputs);
      double millis = (System.nanoTime() - start) / 1e6;
      print(System.out, encoder, inputs, vectors, millis);
    }
    return 0;
  }

  private static void print(
      PrintStream out, OnnxTextEncoder encoder, List<String> texts, float[][] vectors, double ms) {
    out.printf(
        Locale.ROOT,
        "Encoder: %s, %d-d, max %d tokens, on %s%nFingerprint: %s%n",
        encoder.model().name(),
        encoder.dimension(),
        encoder.maxLength(),
        encoder.device(),
        encoder.fingerprint());
    out.printf(Locale.ROOT, "Encoded %d texts in %.1f ms%n%n", texts.size(), ms);
    for (int i = 0; i < texts.size(); i++) {
      out.printf(Locale.ROOT, "[%d] %s%n", i + 1, texts.get(i));
    }
    out.println();
    out.print("     ");
    for (int j = 0; j < texts.size(); j++) {
      out.printf(Locale.ROOT, "%7s", "[" + (j + 1) + "]");
    }
    out.println();
    for (int i = 0; i < texts.size(); i++) {
      out.printf(Locale.ROOT, "%-5s", "[" + (i + 1) + "]");
      for (int j = 0; j < texts.size(); j++) {
        out.printf(Locale.ROOT, "%7.3f", cosine(vectors[i], vectors[j]));
      }
      out.println();
    }
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(normA * normB);
  }
}
