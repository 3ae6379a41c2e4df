package io.github.racrec.benchmarks.encode;

import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.catalog.CatalogBuildReport;
import io.github.racrec.training.catalog.CatalogBuilder;
import io.github.racrec.training.catalog.NewestItemReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.report.RunEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the encoder benchmarks in one run and writes one JSON report: encoder throughput by engine,
 * length and batch (racrec next to a raw ONNX Runtime session and LangChain4j at 128 tokens), the
 * int8 model's drift from float32, catalog build throughput on real reviews, and {@code
 * recommend()} latency split into its parts.
 *
 * <p>Run from the repository root: {@code java -cp benchmarks/target/racrec-benchmarks.jar
 * io.github.racrec.benchmarks.encode.EncoderBenchmarks [--samples DIR] [--out
 * benchmarks/results/encoder.json]}. The latency part needs the quickstart's model; the catalog
 * build and drift parts need the Amazon samples ({@code ../shared/data/amazon-samples}) and are
 * skipped with a message where they are absent.
 */
public final class EncoderBenchmarks {
  private static final String MUSIC = "reviews_Digital_Music_5.partial.jsonl.gz";

  private EncoderBenchmarks() {}

  /**
   * Runs the benchmarks.
   *
   * @param args see the class comment
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    Path samples = Path.of("../shared/data/amazon-samples");
    Path out = Path.of("benchmarks/results/encoder.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--samples" -> samples = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("command", "EncoderBenchmarks " + String.join(" ", args));
    report.put("environment", RunEnvironment.describe());

    List<Map<String, Object>> throughput = new ArrayList<>();
    throughput.addAll(throughput(out, "all", new String[] {"racrec", "racrec-int8"}, "32,128,256"));
    throughput.addAll(
        throughput(out, "128", new String[] {"raw-ort", "langchain4j", "langchain4j-int8"}, "128"));
    report.put("throughput", throughput);
    report.put("ratiosAt128Tokens", ratios(throughput));
    report.put("latency", latency(out));

    Path music = samples.resolve(MUSIC);
    if (Files.isRegularFile(music)) {
      List<String> texts = reviewTexts(music);
      report.put("int8Drift", drift(texts));
      report.put("catalogBuild", catalogBuilds(music));
    } else {
      System.out.println("Skipping drift and catalog build: " + music + " is absent");
    }

    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, Json.toPrettyJson(report), StandardCharsets.UTF_8);
    printThroughput(throughput);
    System.out.println("Results: " + out);
  }

  private static List<Map<String, Object>> throughput(
      Path out, String part, String[] engines, String tokens) throws Exception {
    Collection<RunResult> runs =
        new Runner(
                new OptionsBuilder()
                    .include(EncoderThroughputBenchmark.class.getName())
                    .param("engine", engines)
                    .param("tokens", tokens.split(","))
                    .resultFormat(ResultFormatType.JSON)
                    .result(
                        out.resolveSibling(out.getFileName() + ".throughput-" + part + ".jmh")
                            .toString())
                    .shouldFailOnError(true)
                    .build())
            .run();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RunResult run : runs) {
      int length = Integer.parseInt(run.getParams().getParam("tokens"));
      double textsPerSecond = run.getPrimaryResult().getScore() * EncoderThroughputBenchmark.TEXTS;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("engine", run.getParams().getParam("engine"));
      row.put("tokens", length);
      row.put("batch", Integer.parseInt(run.getParams().getParam("batch")));
      row.put("textsPerSecond", textsPerSecond);
      row.put(
          "textsPerSecondError",
          run.getPrimaryResult().getScoreError() * EncoderThroughputBenchmark.TEXTS);
      row.put("tokensPerSecond", textsPerSecond * length);
      rows.add(row);
    }
    return rows;
  }

  /** racrec over raw ORT and over LangChain4j, per batch size, at 128 tokens. */
  private static List<Map<String, Object>> ratios(List<Map<String, Object>> rows) {
    List<Map<String, Object>> ratios = new ArrayList<>();
    for (int batch : new int[] {1, 32}) {
      double racrec = speed(rows, "racrec", batch);
      Map<String, Object> ratio = new LinkedHashMap<>();
      ratio.put("batch", batch);
      ratio.put("racrecOverRawOrt", racrec / speed(rows, "raw-ort", batch));
      ratio.put("racrecOverLangChain4j", racrec / speed(rows, "langchain4j", batch));
      ratio.put("int8OverFloat32", speed(rows, "racrec-int8", batch) / racrec);
      ratio.put(
          "racrecInt8OverLangChain4jInt8",
          speed(rows, "racrec-int8", batch) / speed(rows, "langchain4j-int8", batch));
      ratios.add(ratio);
    }
    return ratios;
  }

  private static double speed(List<Map<String, Object>> rows, String engine, int batch) {
    return rows.stream()
        .filter(r -> r.get("engine").equals(engine))
        .filter(r -> (int) r.get("tokens") == 128 && (int) r.get("batch") == batch)
        .mapToDouble(r -> (double) r.get("textsPerSecond"))
        .findFirst()
        .orElse(Double.NaN);
  }

  private static List<Map<String, Object>> latency(Path out) throws Exception {
    Collection<RunResult> runs =
        new Runner(
                new OptionsBuilder()
                    .include(RecommendLatencyBenchmark.class.getName())
                    .resultFormat(ResultFormatType.JSON)
                    .result(out.resolveSibling(out.getFileName() + ".latency.jmh").toString())
                    .shouldFailOnError(true)
                    .build())
            .run();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RunResult run : runs) {
      String name = run.getParams().getBenchmark();
      var statistics = run.getPrimaryResult().getStatistics();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("part", name.substring(name.lastIndexOf('.') + 1));
      row.put("tokens", Integer.parseInt(run.getParams().getParam("tokens")));
      row.put("p50Ms", statistics.getPercentile(50));
      row.put("p99Ms", statistics.getPercentile(99));
      row.put("meanMs", statistics.getMean());
      row.put("samples", statistics.getN());
      rows.add(row);
    }
    System.out.println();
    System.out.println("| part | tokens | p50 ms | p99 ms |");
    System.out.println("|---|---|---|---|");
    for (Map<String, Object> row : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %.2f | %.2f |%n",
          row.get("part"),
          row.get("tokens"),
          row.get("p50Ms"),
          row.get("p99Ms"));
    }
    return rows;
  }

  /** The newest 10 review texts of each music item in the sample, as a catalog build reads. */
  private static List<String> reviewTexts(Path music) {
    NewestItemReviews reviews = collect(music);
    List<String> texts = new ArrayList<>();
    reviews.textsByItem().values().forEach(texts::addAll);
    return texts;
  }

  private static NewestItemReviews collect(Path music) {
    NewestItemReviews reviews = new NewestItemReviews(ReviewWindow.DEFAULT);
    ReviewFileReader.read(music, reviews);
    return reviews;
  }

  /** Cosine between the float32 and the int8 model's vector of each review text. */
  private static Map<String, Object> drift(List<String> texts) {
    float[][] exact;
    float[][] quantized;
    try (OnnxTextEncoder float32 = OnnxTextEncoder.builder().build();
        OnnxTextEncoder int8 =
            OnnxTextEncoder.builder().model(TransformerModel.embeddedMiniLmQuantized()).build()) {
      exact = float32.encode(texts);
      quantized = int8.encode(texts);
    }
    double[] cosines = new double[texts.size()];
    for (int i = 0; i < cosines.length; i++) {
      cosines[i] = cosine(exact[i], quantized[i]);
    }
    Arrays.sort(cosines);
    Map<String, Object> drift = new LinkedHashMap<>();
    drift.put("texts", texts.size());
    drift.put("meanCosine", Arrays.stream(cosines).average().orElse(Double.NaN));
    drift.put("p1Cosine", cosines[(int) (0.01 * (cosines.length - 1))]);
    drift.put("minCosine", cosines[0]);
    System.out.printf(
        Locale.ROOT,
        "int8 vs float32 MiniLM on %d real reviews: mean cosine %.4f, 1st percentile %.4f, min"
            + " %.4f%n",
        texts.size(),
        drift.get("meanCosine"),
        drift.get("p1Cosine"),
        drift.get("minCosine"));
    return drift;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  /** Builds a content catalog of the sample's music items with each model; reviews/s. */
  private static List<Map<String, Object>> catalogBuilds(Path music) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    Path folder = Files.createTempDirectory("racrec-build-bench");
    for (boolean int8 : new boolean[] {false, true}) {
      OnnxTextEncoder.Builder builder = OnnxTextEncoder.builder();
      if (int8) {
        builder.model(TransformerModel.embeddedMiniLmQuantized());
      }
      try (OnnxTextEncoder encoder = builder.build()) {
        encoder.encode(List.of("warm-up text for the session"));
        CatalogBuildReport built =
            CatalogBuilder.builder(encoder)
                .build()
                .write(collect(music), ItemTitles.none(), folder.resolve("catalog.rcat"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", encoder.model().name());
        row.put("maxTokens", encoder.maxLength());
        row.put("items", built.items());
        row.put("reviewsEncoded", built.reviewsEncoded());
        row.put("seconds", built.nanos() / 1e9);
        row.put("reviewsPerSecond", built.reviewsPerSecond());
        rows.add(row);
        System.out.println("Catalog build: " + built.summary());
      }
    }
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
    return rows;
  }

  private static void printThroughput(List<Map<String, Object>> rows) {
    System.out.println();
    System.out.println("| engine | tokens | batch | texts/s | tokens/s |");
    System.out.println("|---|---|---|---|---|");
    for (Map<String, Object> row : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %.1f | %.0f |%n",
          row.get("engine"),
          row.get("tokens"),
          row.get("batch"),
          row.get("textsPerSecond"),
          row.get("tokensPerSecond"));
    }
  }
}
