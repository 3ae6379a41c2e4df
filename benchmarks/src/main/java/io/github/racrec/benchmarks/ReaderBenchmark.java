package io.github.racrec.benchmarks;

import io.github.racrec.training.data.ReadReport;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.report.RunEnvironment;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reader throughput and memory: streams the full-scale synthetic movie file (over 1 million reviews
 * in the Amazon 2023 format) and its first half through {@link ReviewFileReader}, each in a child
 * JVM pinned to one core ({@code taskset -c 0} where available) with a 32 MiB heap, and reports
 * MB/s and the peak heap. If both sizes read within the same small heap, memory does not grow with
 * the file.
 *
 * <p>Run: {@code java -cp benchmarks/target/racrec-benchmarks.jar
 * io.github.racrec.benchmarks.ReaderBenchmark [work-dir] [results.json]}.
 */
public final class ReaderBenchmark {
  private static final String HEAP = "-Xmx32m";
  private static final int WARMUP_RUNS = 2;
  private static final int MEASURED_RUNS = 5;

  private ReaderBenchmark() {}

  /**
   * Generates the data if needed, runs the workers and prints and writes the results.
   *
   * @param args optional work folder and results file
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "racrec-work/bench");
    Path results = Path.of(args.length > 1 ? args[1] : "benchmarks/results/reader.json");
    Path full = work.resolve("synthetic-v1").resolve(DemoGenerator.MOVIE_REVIEWS);
    System.out.println("Generating synthetic-v1 into " + full.getParent() + " ...");
    long start = System.nanoTime();
    DemoGenerator.DemoData data =
        DemoGenerator.generate(DemoConfig.syntheticFullScale(), full.getParent());
    double generationSeconds = (System.nanoTime() - start) / 1e9;
    Path half = work.resolve("movies-first-half.jsonl");
    writeFirstHalf(full, half);
    List<String> rows = new ArrayList<>();
    for (Path file : List.of(half, full)) {
      rows.add(runWorker(file));
    }
    String json =
        String.format(
            Locale.ROOT,
            "{%n  \"benchmark\": \"review reader, one core, %s\",%n  %s,%n"
                + "  \"generation\": {\"config\": \"synthetic-v1\", \"movie_reviews\": %d,"
                + " \"music_reviews\": %d, \"seconds\": %.1f},%n"
                + "  \"results\": [%n    %s%n  ]%n}%n",
            HEAP,
            RunEnvironment.describeAsJson(),
            data.movieReviews(),
            data.musicReviews(),
            generationSeconds,
            String.join(",\n    ", rows));
    Files.createDirectories(results.toAbsolutePath().getParent());
    Files.writeString(results, json);
    System.out.print(json);
  }

  private static String runWorker(Path file) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/taskset"))) {
      command.addAll(List.of("/usr/bin/taskset", "-c", "0"));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            HEAP,
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            Worker.class.getName(),
            file.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String last = null;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("{")) {
          last = line;
        }
      }
    }
    if (process.waitFor() != 0 || last == null) {
      throw new IllegalStateException("the reader worker failed on " + file + ": " + command);
    }
    return last;
  }

  private static void writeFirstHalf(Path full, Path half) throws IOException {
    long lines;
    try (var stream = Files.lines(full)) {
      lines = stream.count();
    }
    try (BufferedReader in = Files.newBufferedReader(full);
        BufferedWriter out = Files.newBufferedWriter(half)) {
      for (long i = 0; i < lines / 2; i++) {
        out.write(in.readLine());
        out.newLine();
      }
    }
  }

  /** Reads one file repeatedly in this JVM and prints one JSON line of results. */
  public static final class Worker {
    private Worker() {}

    /**
     * Reads the file {@code WARMUP_RUNS + MEASURED_RUNS} times.
     *
     * @param args the file
     */
    public static void main(String[] args) {
      Path file = Path.of(args[0]);
      double megabytes = file.toFile().length() / 1e6;
      double[] mbPerSecond = new double[MEASURED_RUNS];
      long records = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
      for (int run = 0; run < WARMUP_RUNS + MEASURED_RUNS; run++) {
        long[] count = {0};
        long start = System.nanoTime();
        ReadReport report = ReviewFileReader.read(file, r -> count[0]++);
        double seconds = (System.nanoTime() - start) / 1e9;
        records = report.records();
        if (run >= WARMUP_RUNS) {
          mbPerSecond[run - WARMUP_RUNS] = megabytes / seconds;
        }
      }
      long peakHeap = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peakHeap += pool.getPeakUsage().getUsed();
        }
      }
      Arrays.sort(mbPerSecond);
      System.out.printf(
          Locale.ROOT,
          "{\"file\": \"%s\", \"megabytes\": %.1f, \"records\": %d, \"median_mb_per_s\": %.1f,"
              + " \"min_mb_per_s\": %.1f, \"max_mb_per_s\": %.1f, \"peak_heap_mib\": %.1f,"
              + " \"max_heap\": \"%s\"}%n",
          file.getFileName(),
          megabytes,
          records,
          mbPerSecond[MEASURED_RUNS / 2],
          mbPerSecond[0],
          mbPerSecond[MEASURED_RUNS - 1],
          peakHeap / (1024.0 * 1024.0),
          HEAP);
    }
  }
}
