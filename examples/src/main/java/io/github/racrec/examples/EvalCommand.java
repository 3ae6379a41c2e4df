package io.github.racrec.examples;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DatasetCache;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoTruth;
import io.github.racrec.training.eval.EvalReports;
import io.github.racrec.training.eval.EvalResult;
import io.github.racrec.training.eval.Evaluator;
import io.github.racrec.training.eval.Evaluator.Candidate;
import io.github.racrec.training.eval.Protocol;
import io.github.racrec.training.eval.ReviewVectors;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.eval.models.ContentModel;
import io.github.racrec.training.eval.models.EmcdrModel;
import io.github.racrec.training.eval.models.GlobalMeanModel;
import io.github.racrec.training.eval.models.ItemMeanModel;
import io.github.racrec.training.eval.models.OracleModel;
import io.github.racrec.training.eval.models.PopularityModel;
import io.github.racrec.training.eval.models.RandomModel;
import io.github.racrec.training.racrec.RacRecVariants;
import io.github.racrec.training.report.RunEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Evaluates baselines (and later models) under leak-free cold-start protocols and writes a console
 * table, {@code report.md}, {@code results.json} and PNG charts.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate recommenders for cold-start users under leak-free protocols (A: rating prediction"
          + " by beta; B: ranking; original: 80/20, AUC and RMSE).",
      "Data: generated (--data demo|control|sparse|synthetic|synthetic-control) or your files"
          + " (--source F... --target F...)."
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      description =
          "Generated data: demo, control, sparse (the second world, demo-sparse-v1), synthetic,"
              + " synthetic-control (default: demo).")
  String data = "demo";

  @Option(names = "--source", arity = "1..*", description = "Source-domain review files.")
  List<Path> sourceFiles;

  @Option(names = "--target", arity = "1..*", description = "Target-domain review files.")
  List<Path> targetFiles;

  @Option(
      names = "--target-meta",
      description =
          "Target-domain metadata file, as pipeline takes it: the run reports how many catalog"
              + " items it names.")
  Path targetMeta;

  private String titleCoverage;

  /** Wall time of each protocol (all its splits, models and bootstrap), in seconds. */
  private final Map<String, Double> protocolSeconds = new LinkedHashMap<>();

  @Option(
      names = "--protocols",
      split = ",",
      description = "Protocols to run: A, B, original (default: all).")
  List<String> protocols = List.of("A", "B", "original");

  @Option(
      names = "--betas",
      split = ",",
      description = "Protocol A test shares (default: 0.2,0.5,0.8).")
  List<Double> betas = List.of(0.2, 0.5, 0.8);

  @Option(names = "--seeds", split = ",", description = "Split seeds (default: 1,2,3).")
  List<Long> seeds = List.of(1L, 2L, 3L);

  @Option(
      names = "--folds",
      description =
          "Protocols B and original: disjoint test folds (each user tested once) instead of seeds.")
  Integer folds;

  @Option(names = "--min-source", description = "Source reviews per overlapping user (default 1).")
  int minSource = 1;

  @Option(names = "--min-target", description = "Target reviews per overlapping user (default 1).")
  int minTarget = 1;

  @Option(
      names = "--models",
      split = ",",
      description =
          "Models: random, global-mean, item-mean, popularity, content, emcdr, oracle (generated"
              + " data only), and the RACRec variants racrec-original, racrec-grl, racrec-ortho,"
              + " racrec-coldpath, racrec-exclude, racrec-biases, racrec-nonlinear, racrec-unrated,"
              + " racrec-shrink, racrec-prior, racrec-all, racrec-noshrink, racrec-noprior,"
              + " racrec-corrected (default: the baselines, racrec-original, racrec-corrected,"
              + " oracle).")
  List<String> models;

  @Option(
      names = "--shuffled-control",
      description =
          "Also score content, EMCDR and racrec-corrected with another test user's source"
              + " reviews (the ablation variants are not repeated, to keep the run short).")
  boolean shuffledControl;

  @Option(names = "--k", description = "Ranking cut-off (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(
      names = "--encoder",
      converter = EncoderChoice.Converter.class,
      description =
          "Text encoder: minilm (float32) or minilm-int8 (the quantized model of the -q artifact)"
              + " (default: minilm).")
  EncoderChoice encoderChoice = EncoderChoice.MINILM;

  @Option(
      names = "--window",
      description = "Newest reviews per vector (default: ${DEFAULT-VALUE}).")
  int window = 10;

  @Option(names = "--bootstrap", description = "Bootstrap replicates (default: ${DEFAULT-VALUE}).")
  int bootstrap = 1000;

  @Option(
      names = "--work-dir",
      description = "Generated data, dataset and vector caches (default: ${DEFAULT-VALUE}).")
  Path workDir = Path.of("racrec-work");

  @Option(names = "--out", description = "Report folder (default: <work-dir>/eval).")
  Path out;

  private final PrintStream console;
  private final PrintStream err;

  EvalCommand() {
    this(System.out, System.err);
  }

  /** The machine and commit, as they were when the run started. */
  private Map<String, Object> environment;

  /** For tests: tables go to {@code console}, progress bars to {@code err}. */
  EvalCommand(PrintStream console, PrintStream err) {
    this.console = console;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    // Stamped before anything is written: the run's own output must not mark the tree dirty.
    environment = RunEnvironment.describe();
    System.setProperty("java.awt.headless", "true");
    Path report = out != null ? out : workDir.resolve("eval");
    if ((sourceFiles == null) != (targetFiles == null)) {
      System.err.println("Name both --source and --target, or neither for generated data.");
      return 2;
    }
    Optional<DemoTruth> truth = Optional.empty();
    String dataName;
    if (sourceFiles == null) {
      DemoConfig config =
          switch (data) {
            case "demo" -> DemoConfig.defaults();
            case "control" -> DemoConfig.defaults().control();
            case "sparse" -> DemoConfig.secondWorld();
            case "synthetic" -> DemoConfig.syntheticFullScale();
            case "synthetic-control" -> DemoConfig.syntheticFullScale().control();
            default -> null;
          };
      if (config == null) {
        System.err.println(
            "Unknown --data " + data + ": demo, control, sparse, synthetic, synthetic-control");
        return 2;
      }
      Path folder = workDir.resolve("data").resolve(config.name());
      DemoGenerator.DemoData generated = DemoGenerator.generate(config, folder);
      sourceFiles = List.of(generated.movieReviewFile());
      targetFiles = List.of(generated.musicReviewFile());
      truth = Optional.of(DemoTruth.read(folder));
      dataName = config.name() + " (generated)";
    } else {
      dataName = "files " + sourceFiles + " -> " + targetFiles;
    }
    AssemblyConfig thresholds = new AssemblyConfig(minSource, minTarget, true);
    CrossDomainDataset dataset =
        DatasetCache.loadOrAssemble(
            sourceFiles, targetFiles, thresholds, workDir.resolve("cache").resolve("dataset.bin"));
    console.println("Data: " + dataName);
    console.println(dataset.describe());
    if (targetMeta != null) {
      ItemTitles titles = ItemTitles.read(targetMeta, id -> true);
      int named = 0;
      for (int i = 0; i < dataset.targetItems().size(); i++) {
        named += titles.title(dataset.targetItems().id(i)).isEmpty() ? 0 : 1;
      }
      titleCoverage =
          named
              + " of "
              + dataset.targetItems().size()
              + " target items have a title in "
              + targetMeta;
      console.println("Titles: " + titleCoverage);
    }

    List<EvalResult> results = new ArrayList<>();
    try (OnnxTextEncoder encoder = encoderChoice.build();
        ConsoleProgress progress = new ConsoleProgress(err)) {
      console.println("Encoder: " + encoder.model().name());
      List<Candidate> candidates = candidates(truth, encoder.fingerprint());
      ReviewVectors vectors =
          new ReviewVectors(
              encoder,
              Optional.of(workDir.resolve("cache").resolve(encoderChoice.vectorCacheFile())));
      // Finished fits are kept next to the vectors: a stopped run continues with the rest.
      Evaluator.Settings settings =
          new Evaluator.Settings(k, window, bootstrap)
              .withFitFolder(workDir.resolve("cache").resolve("fits"));
      for (String name : protocols) {
        long protocolStart = System.nanoTime();
        switch (name.toUpperCase(Locale.ROOT)) {
          case "A" -> {
            for (double beta : betas) {
              results.add(
                  Evaluator.evaluate(
                      dataset, Protocol.a(beta), seeds, vectors, candidates, settings, progress));
            }
          }
          case "B" ->
              results.add(run(dataset, Protocol.b(), vectors, candidates, settings, progress));
          case "ORIGINAL" ->
              results.add(
                  run(dataset, Protocol.original(), vectors, candidates, settings, progress));
          default -> {
            System.err.println("Unknown protocol " + name + ": A, B or original");
            return 2;
          }
        }
        protocolSeconds.put(name, Math.round((System.nanoTime() - protocolStart) / 1e8) / 10.0);
      }
    }
    String tables = EvalReports.markdown(results);
    console.println();
    console.println(tables);
    write(report, results, dataName, dataset, tables);
    console.println("Report: " + report.resolve("report.md"));
    return 0;
  }

  private EvalResult run(
      CrossDomainDataset dataset,
      Protocol protocol,
      ReviewVectors vectors,
      List<Candidate> candidates,
      Evaluator.Settings settings,
      ConsoleProgress progress) {
    if (folds != null) {
      List<Split> splits = Split.folds(dataset, folds, protocol.validationFraction(), seeds.get(0));
      return Evaluator.evaluateSplits(
          dataset, splits, protocol, vectors, candidates, settings, progress);
    }
    return Evaluator.evaluate(dataset, protocol, seeds, vectors, candidates, settings, progress);
  }

  private List<Candidate> candidates(Optional<DemoTruth> truth, String encoderFingerprint) {
    List<String> names =
        models != null
            ? models
            : List.of(
                "random",
                "global-mean",
                "item-mean",
                "popularity",
                "content",
                "emcdr",
                "racrec-original",
                "racrec-corrected",
                "oracle");
    List<Candidate> candidates = new ArrayList<>();
    for (String name : names) {
      Optional<RacRecVariants.Variant> racrec = RacRecVariants.find(name);
      if (racrec.isPresent()) {
        candidates.add(racrec.get().candidate(encoderFingerprint, shuffledControl));
        continue;
      }
      switch (name) {
        case "random" -> candidates.add(new Candidate("random", () -> new RandomModel(17)));
        case "global-mean" -> candidates.add(new Candidate("global mean", GlobalMeanModel::new));
        case "item-mean" -> candidates.add(new Candidate("item mean", ItemMeanModel::new));
        case "popularity" -> candidates.add(new Candidate("popularity", PopularityModel::new));
        case "content" ->
            candidates.add(new Candidate("content cosine", ContentModel::new, shuffledControl));
        case "emcdr" ->
            candidates.add(new Candidate("EMCDR (linear map)", EmcdrModel::new, shuffledControl));
        case "oracle" ->
            truth.ifPresent(t -> candidates.add(new Candidate("oracle", () -> new OracleModel(t))));
        default ->
            throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "unknown model " + name);
      }
    }
    return candidates;
  }

  private void write(
      Path folder,
      List<EvalResult> results,
      String dataName,
      CrossDomainDataset dataset,
      String tables)
      throws IOException {
    Files.createDirectories(folder);
    String command =
        "racrec " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("command", command);
    context.put("data", dataName);
    context.put("dataset", dataset.describe());
    if (titleCoverage != null) {
      context.put("titles", titleCoverage);
    }
    context.put("environment", environment);
    context.put("protocolSeconds", protocolSeconds);
    context.put("k", k);
    context.put("window", window);
    context.put("bootstrapReplicates", bootstrap);
    EvalReports.writeJson(results, context, folder.resolve("results.json"));

    List<Path> charts = new ArrayList<>();
    List<EvalResult> protocolA =
        results.stream().filter(r -> r.protocol().name().startsWith("A ")).toList();
    charts.addAll(EvalCharts.perBeta(protocolA, folder));
    for (EvalResult result : results) {
      if (!result.protocol().name().startsWith("A ")) {
        String prefix =
            result.protocol().name().startsWith("B") ? "protocol-B" : "protocol-original";
        charts.addAll(EvalCharts.perModel(result, prefix, folder));
      }
    }

    StringBuilder md = new StringBuilder("# racrec evaluation\n\n");
    md.append("- Command: `").append(command).append("`\n");
    md.append("- Data: ").append(dataName).append("\n");
    md.append("- Machine: ").append(environment).append("\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Cut-off k = %d; newest %d reviews per vector; %d bootstrap replicates over test users"
                + " (pooled across splits), 95%% percentile intervals.%n",
            k,
            window,
            bootstrap));
    md.append("\n```text\n").append(dataset.describe()).append("\n```\n\n");
    md.append("## Summary\n\n").append(EvalReports.summary(results)).append("\n");
    md.append("## Per protocol\n\n").append(tables);
    md.append("## Charts\n\n");
    for (Path chart : charts) {
      md.append("![")
          .append(chart.getFileName())
          .append("](")
          .append(chart.getFileName())
          .append(")\n");
    }
    Files.writeString(folder.resolve("report.md"), md.toString());
  }
}
