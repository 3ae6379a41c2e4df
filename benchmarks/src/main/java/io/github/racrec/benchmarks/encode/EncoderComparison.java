package io.github.racrec.benchmarks.encode;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.report.RunEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The encoders side by side in one JVM, interleaved: each round runs every engine once on the same
 * {@value #TEXTS} texts of 128 tokens, in a shuffled order, so that the slow spells of a shared
 * machine fall on all engines alike (JMH runs engines one after another, in separate forks, and
 * there they did not). Reports the median texts/s of each engine and the median of the per-round
 * ratios.
 *
 * <p>Run: {@code java -cp benchmarks/target/racrec-benchmarks.jar
 * io.github.racrec.benchmarks.encode.EncoderComparison [--rounds 25] [--out
 * benchmarks/results/encoder-comparison.json]}.
 */
public final class EncoderComparison {
  private static final int TEXTS = 32;
  private static final int TOKENS = 128;
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final List<String> ENGINES =
      List.of(
          "racrec",
          "raw-ort",
          "langchain4j",
          "racrec-int8",
          "langchain4j-int8",
          "racrec-one-call",
          "racrec-batched-side-by-side");

  private EncoderComparison() {}

  /**
   * Runs the comparison.
   *
   * @param args see the class comment
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = 25;
    Path out = Path.of("benchmarks/results/encoder-comparison.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<String> texts = TokenTexts.generate(TEXTS, TOKENS, 11);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("command", "EncoderComparison " + String.join(" ", args));
    report.put("environment", RunEnvironment.describe());
    report.put("texts", TEXTS);
    report.put("tokens", TOKENS);
    report.put("rounds", rounds);
    List<Map<String, Object>> results = new ArrayList<>();
    for (int batch : new int[] {1, TEXTS}) {
      results.add(compare(texts, batch, rounds));
    }
    report.put("byBatch", results);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, Json.toPrettyJson(report), StandardCharsets.UTF_8);
    System.out.println("Results: " + out);
  }

  private static Map<String, Object> compare(List<String> texts, int batch, int rounds) {
    Map<String, TextEngine> engines = new LinkedHashMap<>();
    Map<String, List<Double>> speeds = new LinkedHashMap<>();
    try {
      for (String name : ENGINES) {
        engines.put(name, open(name));
        speeds.put(name, new ArrayList<>());
      }
      for (TextEngine engine : engines.values()) {
        for (int warm = 0; warm < 3; warm++) {
          engine.encode(texts, batch);
        }
      }
      Random order = new Random(7);
      List<String> names = new ArrayList<>(ENGINES);
      for (int round = 0; round < rounds; round++) {
        Collections.shuffle(names, order);
        for (String name : names) {
          long start = System.nanoTime();
          engines.get(name).encode(texts, batch);
          speeds.get(name).add(texts.size() / ((System.nanoTime() - start) / 1e9));
        }
      }
    } finally {
      engines.values().forEach(TextEngine::close);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("batch", batch);
    Map<String, Object> medians = new LinkedHashMap<>();
    speeds.forEach((name, values) -> medians.put(name, PairedRounds.median(values)));
    result.put("medianTextsPerSecond", medians);
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put("racrecOverRawOrt", pairedRatio(speeds, "racrec", "raw-ort"));
    ratios.put("racrecOverLangChain4j", pairedRatio(speeds, "racrec", "langchain4j"));
    ratios.put(
        "racrecInt8OverLangChain4jInt8", pairedRatio(speeds, "racrec-int8", "langchain4j-int8"));
    ratios.put("racrecInt8OverLangChain4j", pairedRatio(speeds, "racrec-int8", "langchain4j"));
    ratios.put("racrecInt8OverRacrec", pairedRatio(speeds, "racrec-int8", "racrec"));
    ratios.put("racrecOverOneCall", pairedRatio(speeds, "racrec", "racrec-one-call"));
    ratios.put(
        "batchedSideBySideOverRacrec",
        pairedRatio(speeds, "racrec-batched-side-by-side", "racrec"));
    result.put("medianPerRoundRatios", ratios);
    result.put("textsPerSecondByRound", speeds);
    System.out.printf(Locale.ROOT, "batch %d: medians %s; ratios %s%n", batch, medians, ratios);
    return result;
  }

  private static TextEngine open(String name) {
    return switch (name) {
      case "racrec" -> new RacrecEngine(TransformerModel.embeddedMiniLm(), TOKENS);
      case "racrec-int8" -> new RacrecEngine(TransformerModel.embeddedMiniLmQuantized(), TOKENS);
      // Before 0.1.0: a request's texts in one batched call, ONNX Runtime's threads on all cores.
      case "racrec-one-call" ->
          new RacrecEngine(
              TransformerModel.embeddedMiniLm(),
              TOKENS,
              b -> b.batchSize(TEXTS).parallelCalls(1).intraOpThreads(0));
      // Batches as well as calls side by side: what batching would add to racrec's default.
      case "racrec-batched-side-by-side" ->
          new RacrecEngine(
              TransformerModel.embeddedMiniLm(),
              TOKENS,
              b -> b.batchSize(Math.max(1, TEXTS / CORES)).parallelCalls(CORES));
      case "raw-ort" -> new RawOrtEngine(TOKENS);
      case "langchain4j" -> new LangChain4jEngine(new AllMiniLmL6V2EmbeddingModel());
      case "langchain4j-int8" -> new LangChain4jEngine(new AllMiniLmL6V2QuantizedEmbeddingModel());
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The median over rounds of engine a's speed over engine b's in the same round. */
  private static double pairedRatio(Map<String, List<Double>> speeds, String a, String b) {
    return PairedRounds.medianRatio(speeds.get(a), speeds.get(b));
  }
}
