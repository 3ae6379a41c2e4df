package io.github.racrec.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.eval.Protocol;
import io.github.racrec.training.eval.ReviewVectors;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.eval.TrainingData;
import io.github.racrec.training.racrec.RacRecSearch;
import io.github.racrec.training.racrec.RacRecSearch.Trial;
import io.github.racrec.training.report.RunEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Searches RACRec's settings on the validation users of demo-tune-v1 (the demo world drawn with
 * another seed, so no evaluated user takes part) and writes every trial to {@code results.json}.
 */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Random search of RACRec settings (all corrections on) on the validation users of"
          + " demo-tune-v1, a generated data set that no evaluation uses.",
      "Each trial trains on two splits (Protocol A, beta 20%% and 80%%) and is scored on their"
          + " validation users; the winner has the lowest validation RMSE among the trials whose"
          + " validation HR@10 is within 10%% of the best."
    })
final class TuneCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Option(names = "--budget", description = "Configurations to try (default: ${DEFAULT-VALUE}).")
  int budget = 24;

  @Option(names = "--seed", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(
      names = "--work-dir",
      description = "Generated data and vector cache (default: ${DEFAULT-VALUE}).")
  Path workDir = Path.of("racrec-work/tune");

  @Option(names = "--out", description = "Results folder (default: <work-dir>/results).")
  Path out;

  @Option(
      names = "--reselect",
      description =
          "Train nothing: read the trials of an earlier results.json, choose the winner by the"
              + " current rule and write the results again.")
  Path reselect;

  private final PrintStream console;

  TuneCommand() {
    this(System.out);
  }

  TuneCommand(PrintStream console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    if (reselect != null) {
      return reselect();
    }
    DemoConfig config = DemoConfig.tuning();
    DemoGenerator.DemoData generated =
        DemoGenerator.generate(config, workDir.resolve("data").resolve(config.name()));
    CrossDomainDataset dataset =
        CrossDomainAssembler.assemble(
            List.of(generated.movieReviewFile()),
            List.of(generated.musicReviewFile()),
            AssemblyConfig.anyOverlap());
    List<TrainingData> splits = new ArrayList<>();
    List<Trial> trials;
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build();
        ConsoleProgress progress = new ConsoleProgress(System.err)) {
      ReviewVectors vectors =
          new ReviewVectors(
              encoder, Optional.of(workDir.resolve("cache").resolve("review-vectors.bin")));
      for (double beta : new double[] {0.2, 0.8}) {
        Protocol protocol = Protocol.a(beta);
        Split split = Split.draw(dataset, beta, protocol.validationFraction(), 1);
        // Only the training side is kept: the split's test users are never looked at.
        splits.add(EvalData.build(dataset, split, vectors, 10, progress).training());
      }
      trials = RacRecSearch.run(splits, budget, seed, progress);
    }
    Path folder = out != null ? out : workDir.resolve("results");
    Files.createDirectories(folder);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put(
        "command",
        "racrec " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    results.put("data", config.name() + " (generated; never evaluated)");
    results.put(
        "splits", "Protocol A beta 20% and 80%, split seed 1; selection on validation users only");
    results.put("budget", budget);
    results.put("seed", seed);
    results.put("environment", RunEnvironment.describe());
    write(folder, results, trials);
    return 0;
  }

  private static final String RULE =
      "lowest mean validation RMSE among the trials whose mean validation HR@10 is at least 90%"
          + " of the best trial's";

  private void write(Path folder, Map<String, Object> results, List<Trial> trials)
      throws IOException {
    Trial best = RacRecSearch.best(trials).orElseThrow();
    results.put("selection", RULE);
    results.put("best", best);
    results.put("trials", trials);
    JSON.writeValue(folder.resolve("results.json").toFile(), results);
    console.println(table(trials, best));
    console.println("Results: " + folder.resolve("results.json"));
  }

  /** Re-chooses the winner of stored trials; everything else in the file is kept. */
  @SuppressWarnings("unchecked")
  private int reselect() throws IOException {
    Map<String, Object> results = JSON.readValue(reselect.toFile(), LinkedHashMap.class);
    List<Trial> trials =
        JSON.convertValue(
            results.get("trials"),
            JSON.getTypeFactory().constructCollectionType(List.class, Trial.class));
    results.put(
        "reselected",
        "racrec " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    write(out != null ? out : reselect.toAbsolutePath().getParent(), results, trials);
    return 0;
  }

  private static String table(List<Trial> trials, Trial best) {
    StringBuilder text = new StringBuilder();
    text.append("| trial | val. RMSE | val. HR@10 | val. NDCG@10 | settings |\n");
    text.append("|---|---|---|---|---|\n");
    trials.stream()
        .sorted(Comparator.comparingDouble(Trial::validationRmse))
        .forEach(
            t ->
                text.append(
                    String.format(
                        Locale.ROOT,
                        "| %d%s | %.4f | %.3f | %.3f | %s |%n",
                        t.index(),
                        t == best ? " (best)" : "",
                        t.validationRmse(),
                        t.validationHr(),
                        t.validationNdcg(),
                        t.config())));
    return text.toString();
  }
}
