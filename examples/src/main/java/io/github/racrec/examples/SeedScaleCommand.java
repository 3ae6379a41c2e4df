package io.github.racrec.examples;

import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.onnx.internal.Json;
import io.github.racrec.training.catalog.CatalogBuildReport;
import io.github.racrec.training.catalog.CatalogBuilder;
import io.github.racrec.training.catalog.NewestItemReviews;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DatasetCache;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.eval.ReviewVectors;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.racrec.RacRecConfig;
import io.github.racrec.training.racrec.RacRecExporter;
import io.github.racrec.training.racrec.RacRecTrainer;
import io.github.racrec.training.racrec.TrainedRacRec;
import io.github.racrec.training.report.RunEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pipeline at a stated scale, stage by stage, with each stage's wall time and memory: generate,
 * read and assemble, encode, train, export, build the catalog, time {@code recommend()}; then,
 * optionally, the evaluation harness on the same work folder (its vectors come from the same
 * cache). Every stage continues where an interrupted run stopped: review vectors are read back from
 * the work folder's cache, training from its last epoch.
 */
@Command(
    name = "seed-scale",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline on generated data at a stated scale (demo-v1, synthetic-half,"
          + " synthetic-v1) and write a stage report: wall time, items, texts, texts/s, epochs,"
          + " peak heap and RSS per stage; optionally evaluate (--eval)."
    })
final class SeedScaleCommand implements Callable<Integer> {
  private static final int LATENCY_REVIEWS = 10;

  @Option(
      names = "--config",
      description = "demo-v1, synthetic-half or synthetic-v1 (default: ${DEFAULT-VALUE}).")
  String configName = "synthetic-v1";

  @Option(
      names = "--work-dir",
      description = "Data, caches, model and catalog (default: racrec-work/seed-scale/<config>).")
  Path workDir;

  @Option(
      names = "--report",
      description = "Stage report, one entry per configuration (default: ${DEFAULT-VALUE}).")
  Path report = Path.of("benchmarks/results/seed-scale.json");

  @Option(
      names = "--eval",
      description =
          "Then evaluate (protocols A, B, original; one seed) random, popularity, item mean,"
              + " content, EMCDR and the default RACRec, into --eval-out.")
  boolean evaluate;

  @Option(
      names = "--eval-out",
      description = "Evaluation report folder (default: benchmarks/results/eval/<config>).")
  Path evalOut;

  @Option(
      names = "--latency-calls",
      description = "recommend() calls timed per measurement (default: ${DEFAULT-VALUE}).")
  int latencyCalls = 200;

  @Option(names = "--seed", description = "Split and training seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--encoder",
      converter = EncoderChoice.Converter.class,
      description =
          "Text encoder: minilm (float32, the default) or minilm-int8 (the quantized model, about"
              + " twice as fast on the CPU); the report's entry and work folder are named <config>-minilm-int8 then.")
  EncoderChoice encoderChoice = EncoderChoice.MINILM;

  private final PrintStream out;
  private final PrintStream err;

  SeedScaleCommand() {
    this(System.out, System.err);
  }

  /** For tests: the summary goes to {@code out}, progress bars to {@code err}. */
  SeedScaleCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The configurations this command knows, by name. */
  static DemoConfig config(String name) {
    return switch (name) {
      case "demo-v1" -> DemoConfig.defaults();
      case "synthetic-v1" -> DemoConfig.syntheticFullScale();
      case "synthetic-half" -> {
        DemoConfig full = DemoConfig.syntheticFullScale();
        yield full.scaled(full.sharedUsers() / 2, full.movies() / 2, full.musicItems() / 2)
            .named("synthetic-half");
      }
      default ->
          throw new IllegalArgumentException(
              "unknown --config " + name + ": demo-v1, synthetic-half or synthetic-v1");
    };
  }

  @Override
  public Integer call() throws IOException {
    Map<String, Object> environment = RunEnvironment.describe();
    System.setProperty("java.awt.headless", "true");
    DemoConfig config = config(configName);
    Path work = workDir != null ? workDir : Path.of("racrec-work/seed-scale").resolve(entryName());
    Map<String, Object> stages = new LinkedHashMap<>();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("environment", environment);
    run.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    run.put("stages", stages);

    // The eval command's layout, so that an evaluation on this folder finds the same caches.
    Path data = work.resolve("data").resolve(config.name());
    Path cache = work.resolve("cache");
    DemoGenerator.DemoData generated;
    try (StageMeter stage = StageMeter.start()) {
      generated = DemoGenerator.generate(config, data);
      stages.put(
          "generate",
          stage
              .put("movieReviews", generated.movieReviews())
              .put("musicReviews", generated.musicReviews())
              .finish());
    }
    say("generate", stages);

    CrossDomainDataset dataset;
    try (StageMeter stage = StageMeter.start()) {
      dataset =
          DatasetCache.loadOrAssemble(
              List.of(generated.movieReviewFile()),
              List.of(generated.musicReviewFile()),
              new io.github.racrec.training.data.AssemblyConfig(1, 1, true),
              cache.resolve("dataset.bin"));
      stages.put(
          "readAndAssemble",
          stage
              .put("sourceReviews", dataset.source().size())
              .put("targetReviews", dataset.target().size())
              .put("users", dataset.users().size())
              .put("overlapUsers", dataset.overlapUsers().length)
              .put("targetItems", dataset.targetItems().size())
              .finish());
    }
    say("readAndAssemble", stages);

    Split split = Split.forServing(dataset, 0.1, seed);
    int window = ReviewWindow.DEFAULT.size();
    try (OnnxTextEncoder encoder = encoderChoice.build();
        ConsoleProgress progress = new ConsoleProgress(err)) {
      run.put(
          "encoder",
          encoder.model().name()
              + ", "
              + encoder.batchSize()
              + " text(s) per call, "
              + encoder.parallelCalls()
              + " call(s) side by side");
      EvalData view;
      ReviewVectors vectors;
      try (StageMeter stage = StageMeter.start()) {
        vectors =
            new ReviewVectors(encoder, Optional.of(cache.resolve(encoderChoice.vectorCacheFile())));
        int known = vectors.size();
        double loadSeconds = stage.seconds();
        long encodeStart = System.nanoTime();
        view = EvalData.build(dataset, split, vectors, window, progress);
        int encoded = vectors.size() - known;
        double encodeSeconds = (System.nanoTime() - encodeStart) / 1e9;
        stages.put(
            "encode",
            stage
                .put("textsFromCache", known)
                .put("cacheLoadSeconds", round(loadSeconds))
                .put("textsEncoded", encoded)
                .put("textsPerSecond", round(encoded / encodeSeconds))
                .put("trainingUsers", view.training().trainUsers().size())
                .put("validationUsers", view.training().validationUsers().size())
                .finish());
      }
      say("encode", stages);

      RacRecConfig racrec = ModelVariant.CORRECTED.variant().config().withSeed(seed);
      TrainedRacRec model;
      try (StageMeter stage = StageMeter.start()) {
        model =
            RacRecTrainer.train(
                view.training(), racrec, progress, Optional.of(work.resolve("checkpoints")));
        double seconds = stage.seconds();
        stages.put(
            "train",
            stage
                .put("epochs", model.history().size())
                .put("bestEpoch", model.bestEpoch())
                .put("secondsPerEpoch", round(seconds / model.history().size()))
                .put("validationRmse", round(model.best().validationRmse()))
                .finish());
      }
      say("train", stages);

      Path modelFolder = work.resolve("model");
      try (StageMeter stage = StageMeter.start()) {
        RacRecExporter.export(model, encoder.fingerprint(), modelFolder);
        stages.put("export", stage.finish());
      }
      say("export", stages);

      Path catalogFile = work.resolve("catalog.rcat");
      try (StageMeter stage = StageMeter.start()) {
        CatalogBuildReport built =
            buildCatalog(encoder, dataset, split, vectors, generated, modelFolder);
        stages.put(
            "catalog",
            stage
                .put("items", built.items())
                .put("metadataItems", config.musicItems())
                .put("reviewTexts", built.reviews())
                .put("textsEncoded", built.reviewsEncoded())
                .finish());
      }
      say("catalog", stages);
      vectors = null;
      view = null;
      run.put(
          "pipelineSeconds",
          round(
              List.of("readAndAssemble", "encode", "train", "export", "catalog").stream()
                  .mapToDouble(
                      s -> ((Number) ((Map<?, ?>) stages.get(s)).get("seconds")).doubleValue())
                  .sum()));

      try (StageMeter stage = StageMeter.start()) {
        stage.put("calls", latencyCalls);
        stage.put("reviews", LATENCY_REVIEWS);
        stage.put("reviewTokens", encoder.maxLength());
        timeRecommend(dataset, modelFolder, catalogFile, encoder, stage);
        stages.put("recommend", stage.finish());
      }
      say("recommend", stages);
    }
    // The pipeline's stages are kept even if the (much longer) evaluation is stopped.
    writeReport(run);

    if (evaluate) {
      Path evalFolder = evalOut != null ? evalOut : Path.of("benchmarks/results/eval", configName);
      try (StageMeter stage = StageMeter.start()) {
        int code =
            new CommandLine(new EvalCommand(out, err))
                .execute(evalArguments(work, evalFolder).toArray(String[]::new));
        if (code != 0) {
          err.println("The evaluation failed (exit " + code + ")");
          return code;
        }
        stages.put("evaluate", stage.put("report", evalFolder.toString()).finish());
      }
      say("evaluate", stages);
      writeReport(run);
    }
    out.println("Report: " + report);
    return 0;
  }

  private List<String> evalArguments(Path work, Path evalFolder) {
    String data =
        switch (configName) {
          case "demo-v1" -> "demo";
          case "synthetic-v1" -> "synthetic";
          default ->
              throw new IllegalArgumentException("--eval runs on demo-v1 and synthetic-v1 only");
        };
    return List.of(
        "--data",
        data,
        "--seeds",
        Long.toString(seed),
        "--models",
        "random,item-mean,popularity,content,emcdr,racrec-corrected",
        "--encoder",
        encoderChoice.cliName(),
        "--work-dir",
        work.toString(),
        "--out",
        evalFolder.toString());
  }

  private CatalogBuildReport buildCatalog(
      OnnxTextEncoder encoder,
      CrossDomainDataset dataset,
      Split split,
      ReviewVectors vectors,
      DemoGenerator.DemoData generated,
      Path modelFolder) {
    Set<String> hidden = split.hiddenUsers();
    NewestItemReviews itemReviews = new NewestItemReviews(ReviewWindow.DEFAULT);
    DomainReviews target = dataset.target();
    for (int r = 0; r < target.size(); r++) {
      if (!hidden.contains(dataset.users().id(target.user(r)))) {
        itemReviews.accept(target.record(r, dataset.users(), dataset.targetItems()));
      }
    }
    ItemTitles titles =
        ItemTitles.read(generated.musicMetaFile(), id -> dataset.targetItems().indexOf(id) >= 0);
    try (RacRecTowers towers = RacRecTowers.open(modelFolder)) {
      return CatalogBuilder.builder(encoder)
          .vectors(vectors)
          .itemTower(towers)
          .build()
          .write(itemReviews, titles, modelFolder.resolveSibling("catalog.rcat"));
    }
  }

  /**
   * Times recommend() on the catalog for one user's {@value #LATENCY_REVIEWS} longest source
   * reviews, each made at least the encoder's maximum length by joining it with its neighbours: end
   * to end, and with the review vectors cached (user tower, scan and explanations only).
   */
  private void timeRecommend(
      CrossDomainDataset dataset,
      Path modelFolder,
      Path catalogFile,
      OnnxTextEncoder encoder,
      StageMeter stage) {
    List<Review> reviews = longReviews(dataset, encoder);
    try (RacRecTowers towers = RacRecTowers.open(modelFolder);
        ExactCatalogIndex catalog = ExactCatalogIndex.open(catalogFile);
        OnnxTextEncoder cached = encoderChoice.builder().cacheSize(64).build()) {
      stage.put("catalogItems", catalog.size());
      stage.put("kernel", catalog.kernelName());
      try (Recommender endToEnd = RacRecRecommender.create(encoder, towers, catalog)) {
        stage.put("endToEndMillis", percentiles(endToEnd, reviews));
      }
      try (Recommender towerAndScan = RacRecRecommender.create(cached, towers, catalog)) {
        stage.put("towerAndScanMillis", percentiles(towerAndScan, reviews));
      }
    }
  }

  private Map<String, Object> percentiles(Recommender recommender, List<Review> reviews) {
    for (int warm = 0; warm < 10; warm++) {
      recommender.recommend(reviews, 10);
    }
    double[] millis = new double[latencyCalls];
    for (int i = 0; i < latencyCalls; i++) {
      long start = System.nanoTime();
      recommender.recommend(reviews, 10);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("p50", round(millis[(int) Math.floor(0.50 * (millis.length - 1))]));
    result.put("p99", round(millis[(int) Math.floor(0.99 * (millis.length - 1))]));
    result.put("max", round(millis[millis.length - 1]));
    return result;
  }

  /** Ten source texts, each joined with the next ones until it fills the encoder's length. */
  private static List<Review> longReviews(CrossDomainDataset dataset, OnnxTextEncoder encoder) {
    DomainReviews source = dataset.source();
    List<Review> reviews = new ArrayList<>();
    int r = 0;
    for (int i = 0; i < LATENCY_REVIEWS; i++) {
      StringBuilder text = new StringBuilder();
      // ~4 characters a token: 6 characters a token is enough to fill every text.
      while (text.length() < encoder.maxLength() * 6) {
        text.append(source.text(r++ % source.size())).append(' ');
      }
      reviews.add(Review.of(text.toString().strip(), 4, Instant.ofEpochSecond(1_700_000_000L + i)));
    }
    return reviews;
  }

  private void say(String name, Map<String, Object> stages) {
    out.printf(Locale.ROOT, "%-16s %s%n", name, stages.get(name));
  }

  /** Adds or replaces this configuration's entry in the report file. */
  @SuppressWarnings("unchecked")
  /** The configuration's name, with the encoder's when it is not the default. */
  private String entryName() {
    return encoderChoice == EncoderChoice.MINILM
        ? configName
        : configName + "-" + encoderChoice.cliName();
  }

  private void writeReport(Map<String, Object> run) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>();
    if (Files.isRegularFile(report)) {
      all = Json.reader().forType(Map.class).readValue(report.toFile());
    }
    all.put(
        "command",
        "bin/racrec seed-scale --config <name> (see benchmarks/README.md); one entry per"
            + " configuration");
    Map<String, Object> runs =
        (Map<String, Object>) all.computeIfAbsent("runs", k -> new LinkedHashMap<>());
    runs.put(entryName(), run);
    Path parent = report.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.writeString(report, Json.toPrettyJson(all), StandardCharsets.UTF_8);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
