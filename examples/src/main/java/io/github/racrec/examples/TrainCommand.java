package io.github.racrec.examples;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.racrec.RacRecConfig;
import io.github.racrec.training.racrec.RacRecPipeline;
import io.github.racrec.training.racrec.TrainedRacRec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains a RACRec model on review files for serving: every overlapping user trains, but for a share
 * held out for early stopping and the item-term weights. Writes {@code <out>/model}.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train RACRec on source- and target-domain review files of the same users and export the"
          + " model folder (ONNX towers and manifest) to <out>/model."
    })
final class TrainCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      arity = "1..*",
      required = true,
      description = "Source-domain review files (users known by these).")
  List<Path> sourceFiles;

  @Option(
      names = "--target",
      arity = "1..*",
      required = true,
      description = "Target-domain review files (what is recommended).")
  List<Path> targetFiles;

  @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("racrec-work");

  @Option(
      names = "--variant",
      description = "RACRec configuration, one of ${COMPLETION-CANDIDATES} (default: corrected).")
  ModelVariant variant = ModelVariant.CORRECTED;

  @Option(names = "--epochs", description = "Most training epochs (default: the variant's).")
  Integer epochs;

  @Option(names = "--seed", description = "Seed of the hold-out and training (default: 1).")
  long seed = 1;

  @Option(
      names = "--validation-share",
      description = "Share of users held out for validation (default: ${DEFAULT-VALUE}).")
  double validationShare = 0.1;

  @Option(
      names = "--vector-cache",
      description = "Review vector cache file (default: <out>/cache/review-vectors.bin).")
  Path vectorCache;

  private final PrintStream out0;
  private final PrintStream err;

  TrainCommand() {
    this(System.out, System.err);
  }

  TrainCommand(PrintStream out, PrintStream err) {
    this.out0 = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    CrossDomainDataset dataset =
        CrossDomainAssembler.assemble(sourceFiles, targetFiles, AssemblyConfig.anyOverlap());
    out0.println(dataset.describe());
    Split split = Split.forServing(dataset, validationShare, seed);
    RacRecConfig config = variant.variant().config().withSeed(seed);
    if (epochs != null) {
      config = config.withEpochs(epochs);
    }
    Path cache = vectorCache != null ? vectorCache : out.resolve("cache/review-vectors.bin");
    RacRecPipeline.Trained trained;
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build();
        ConsoleProgress progress = new ConsoleProgress(err)) {
      trained = RacRecPipeline.train(dataset, split, encoder, config, out, cache, progress);
    }
    TrainedRacRec model = trained.model();
    out0.printf(
        Locale.ROOT,
        "Trained %s on %d users (%d validation users held out): %d epochs, best epoch %d,"
            + " validation cold-start RMSE %.3f%nModel: %s%n",
        variant.variant().displayName(),
        trained.data().training().trainUsers().size(),
        split.validationUsers().size(),
        model.history().size(),
        model.bestEpoch(),
        model.best().validationRmse(),
        trained.modelFolder());
    return 0;
  }
}
