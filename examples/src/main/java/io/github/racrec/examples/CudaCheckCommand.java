package io.github.racrec.examples;

import io.github.racrec.onnx.Device;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecTowers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the encoder and the RACRec towers on CUDA and on the CPU and compares their outputs. For a
 * machine with an NVIDIA GPU: see {@code benchmarks/scripts/cuda-check.sh}.
 *
 * <p>The difference of two vectors is {@code max_i |cuda_i - cpu_i| / max_i |cpu_i|}: relative to
 * the vector's largest component, so near-zero components do not blow it up.
 */
@Command(
    name = "cuda-check",
    mixinStandardHelpOptions = true,
    description = "Compare encoder and RACRec tower outputs on CUDA with the CPU's.")
final class CudaCheckCommand implements Callable<Integer> {
  private static final List<String> SENTENCES =
      List.of(
          "A haunting film with a score that stayed with me for days.",
          "Loud, dumb action movie, but the car chases are fun.",
          "The soundtrack is gorgeous: sweeping strings and a lonely piano.",
          "I fell asleep twice. The plot goes nowhere and the ending is worse.",
          "Heavy guitar riffs and pounding drums from start to finish.",
          "A warm, funny family story; the kids watched it three times.");

  @Option(
      names = "--model",
      description = "RACRec model folder (default: ${DEFAULT-VALUE}, the quickstart's).")
  Path model = Path.of("racrec-work/model");

  @Option(names = "--texts", description = "Texts to encode (default: ${DEFAULT-VALUE}).")
  int count = 64;

  @Option(
      names = "--tolerance",
      description = "Largest relative difference allowed (default: ${DEFAULT-VALUE}).")
  double tolerance = 1e-4;

  @Option(
      names = "--compare-device",
      description =
          "Device compared with the CPU (default: ${DEFAULT-VALUE}; CPU runs the check without a"
              + " GPU, to test the check itself).")
  Device compared = Device.CUDA;

  @Override
  public Integer call() {
    List<String> texts = texts(count);
    float[][] cpuVectors;
    float[][] otherVectors;
    Device encoderDevice;
    try (OnnxTextEncoder cpu = OnnxTextEncoder.builder().build();
        OnnxTextEncoder other = OnnxTextEncoder.builder().device(compared).build()) {
      encoderDevice = other.device();
      cpuVectors = cpu.encode(texts);
      otherVectors = other.encode(texts);
    }
    double encoderDiff = maxRelativeDifference(cpuVectors, otherVectors);

    double userDiff;
    double itemDiff;
    Device towerDevice;
    try (RacRecTowers cpu = RacRecTowers.open(model);
        RacRecTowers other = RacRecTowers.open(model, compared)) {
      towerDevice = other.device();
      int window = cpu.manifest().reviewWindow();
      List<float[]> cpuTastes = new ArrayList<>();
      List<float[]> otherTastes = new ArrayList<>();
      for (int from = 0; from + window <= cpuVectors.length; from += window) {
        float[][] reviews = java.util.Arrays.copyOfRange(cpuVectors, from, from + window);
        cpuTastes.add(cpu.userTaste(reviews).taste());
        otherTastes.add(other.userTaste(reviews).taste());
      }
      userDiff =
          maxRelativeDifference(
              cpuTastes.toArray(float[][]::new), otherTastes.toArray(float[][]::new));
      itemDiff = maxRelativeDifference(cpu.itemVectors(cpuVectors), other.itemVectors(cpuVectors));
    }

    System.out.printf(
        Locale.ROOT,
        "encoder on %s, towers on %s; %d texts%n",
        encoderDevice,
        towerDevice,
        texts.size());
    System.out.printf(Locale.ROOT, "  encoder     max relative difference %.3g%n", encoderDiff);
    System.out.printf(Locale.ROOT, "  user tower  max relative difference %.3g%n", userDiff);
    System.out.printf(Locale.ROOT, "  item tower  max relative difference %.3g%n", itemDiff);
    if (encoderDevice != compared || towerDevice != compared) {
      System.out.println(
          "FAILED: " + compared + " was asked for but not used (the log above says why)");
      return 2;
    }
    boolean passed = Math.max(encoderDiff, Math.max(userDiff, itemDiff)) <= tolerance;
    System.out.println((passed ? "PASSED" : "FAILED") + ": tolerance " + tolerance);
    return passed ? 0 : 1;
  }

  /** Sentences joined into texts of growing length, so batches hold unequal lengths. */
  private static List<String> texts(int count) {
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      for (int s = 0; s <= i % 12; s++) {
        text.append(s == 0 ? "" : " ").append(SENTENCES.get((i + s) % SENTENCES.size()));
      }
      texts.add(text.toString());
    }
    return texts;
  }

  static double maxRelativeDifference(float[][] expected, float[][] actual) {
    double worst = 0;
    for (int r = 0; r < expected.length; r++) {
      double scale = 0;
      double diff = 0;
      for (int i = 0; i < expected[r].length; i++) {
        scale = Math.max(scale, Math.abs(expected[r][i]));
        diff = Math.max(diff, Math.abs(expected[r][i] - actual[r][i]));
      }
      worst = Math.max(worst, scale == 0 ? diff : diff / scale);
    }
    return worst;
  }
}
