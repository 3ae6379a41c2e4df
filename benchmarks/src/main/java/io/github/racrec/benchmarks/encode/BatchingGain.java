package io.github.racrec.benchmarks.encode;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DatasetCache;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
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
import java.util.function.UnaryOperator;

/**
 * What batching would add to the seed-scale encoding (issue 23, point 3): the default encoder (one
 * text per call, one call per core) against the same encoder with 8 and 16 texts per call (texts of
 * a group sorted by length, so that padding is the least batching can have), on a random sample of
 * synthetic-v1's own review texts, handed over 256 at a time as the evaluation's vector store does.
 * Rounds are interleaved in one JVM in a shuffled order; reports the median texts/s of each and the
 * median of the per-round ratios.
 *
 * <p>Run: {@code java -cp benchmarks/target/racrec-benchmarks.jar
 * io.github.racrec.benchmarks.encode.BatchingGain [--texts 1024] [--rounds 5] [--out
 * benchmarks/results/encoder-batching-gain.json]}.
 */
public final class BatchingGain {
  private static final int TEXTS_PER_REQUEST = 256;
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private BatchingGain() {}

  /**
   * Runs the comparison.
   *
   * @param args see the class comment
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int sampleSize = 1024;
    int rounds = 5;
    Path out = Path.of("benchmarks/results/encoder-batching-gain.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--texts" -> sampleSize = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<String> texts = sampleTexts(sampleSize);
    Map<String, UnaryOperator<OnnxTextEncoder.Builder>> engines = new LinkedHashMap<>();
    engines.put("default (1 text per call)", b -> b);
    engines.put("8 texts per call", b -> b.batchSize(8).parallelCalls(CORES));
    engines.put("16 texts per call", b -> b.batchSize(16).parallelCalls(CORES));

    Map<String, OnnxTextEncoder> encoders = new LinkedHashMap<>();
    Map<String, List<Double>> speeds = new LinkedHashMap<>();
    try {
      for (var engine : engines.entrySet()) {
        encoders.put(engine.getKey(), engine.getValue().apply(OnnxTextEncoder.builder()).build());
        speeds.put(engine.getKey(), new ArrayList<>());
      }
      for (OnnxTextEncoder encoder : encoders.values()) {
        encodeAll(encoder, texts.subList(0, TEXTS_PER_REQUEST));
      }
      Random order = new Random(7);
      List<String> names = new ArrayList<>(engines.keySet());
      for (int round = 0; round < rounds; round++) {
        Collections.shuffle(names, order);
        for (String name : names) {
          long start = System.nanoTime();
          encodeAll(encoders.get(name), texts);
          double seconds = (System.nanoTime() - start) / 1e9;
          speeds.get(name).add(texts.size() / seconds);
          System.out.printf(
              Locale.ROOT, "round %d %s: %.1f texts/s%n", round, name, texts.size() / seconds);
        }
      }
    } finally {
      encoders.values().forEach(OnnxTextEncoder::close);
    }

    Map<String, Object> medians = new LinkedHashMap<>();
    speeds.forEach((name, values) -> medians.put(name, PairedRounds.median(values)));
    Map<String, Object> ratios = new LinkedHashMap<>();
    String base = names(engines).get(0);
    for (String name : names(engines).subList(1, engines.size())) {
      ratios.put(
          name + " over default", PairedRounds.medianRatio(speeds.get(name), speeds.get(base)));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("command", "BatchingGain " + String.join(" ", args));
    report.put("environment", RunEnvironment.describe());
    report.put("data", "synthetic-v1 review texts, a random sample (seed 3) of " + texts.size());
    report.put("meanCharacters", texts.stream().mapToInt(String::length).average().orElse(0));
    report.put("rounds", rounds);
    report.put("medianTextsPerSecond", medians);
    report.put("medianPerRoundRatios", ratios);
    report.put("textsPerSecondByRound", speeds);
    System.out.println("medians " + medians + "; ratios " + ratios);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, Json.toPrettyJson(report), StandardCharsets.UTF_8);
    System.out.println("Results: " + out);
  }

  private static List<String> names(Map<String, ?> engines) {
    return new ArrayList<>(engines.keySet());
  }

  /** Hands the texts over in requests of 256, as the evaluation's vector store does. */
  private static void encodeAll(OnnxTextEncoder encoder, List<String> texts) {
    for (int from = 0; from < texts.size(); from += TEXTS_PER_REQUEST) {
      encoder.encode(texts.subList(from, Math.min(from + TEXTS_PER_REQUEST, texts.size())));
    }
  }

  /** Generates synthetic-v1 (seconds) and draws texts from both domains' reviews. */
  private static List<String> sampleTexts(int count) throws Exception {
    Path folder = Files.createTempDirectory("racrec-batching-gain");
    DemoConfig config = DemoConfig.syntheticFullScale();
    DemoGenerator.DemoData data = DemoGenerator.generate(config, folder.resolve("data"));
    CrossDomainDataset dataset =
        DatasetCache.loadOrAssemble(
            List.of(data.movieReviewFile()),
            List.of(data.musicReviewFile()),
            new AssemblyConfig(1, 1, true),
            folder.resolve("dataset.bin"));
    List<String> all = new ArrayList<>();
    for (DomainReviews reviews : List.of(dataset.source(), dataset.target())) {
      for (int r = 0; r < reviews.size(); r++) {
        if (reviews.hasText(r)) {
          all.add(reviews.text(r));
        }
      }
    }
    Collections.shuffle(all, new Random(3));
    return List.copyOf(all.subList(0, Math.min(count, all.size())));
  }
}
