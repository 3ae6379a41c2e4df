package io.github.racrec.examples;

import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ElementType;
import io.github.racrec.training.catalog.CatalogBuildReport;
import io.github.racrec.training.catalog.CatalogBuilder;
import io.github.racrec.training.catalog.NewestItemReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReadReport;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.eval.ReviewVectors;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds the catalog a trained model serves: every item's newest reviews in the target files,
 * encoded, passed through the model's item tower, with the item terms the model blends in.
 */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = {
      "Build the catalog of a trained model from target-domain review files: each item's newest"
          + " 10 reviews, encoded and passed through the item tower, written to one file."
    })
final class CatalogCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "The model folder (from train).")
  Path model;

  @Option(
      names = "--target",
      arity = "1..*",
      required = true,
      description = "Target-domain review files.")
  List<Path> targetFiles;

  @Option(names = "--target-meta", description = "Target-domain metadata file, for titles.")
  Path targetMeta;

  @Option(names = "--out", description = "Catalog file (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("racrec-work", "catalog.rcat");

  @Option(
      names = "--element-type",
      description =
          "How vectors are stored: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); int8 and"
              + " bfloat16 report their recall@10 against float32.")
  ElementType elementType = ElementType.FLOAT32;

  @Option(
      names = "--vector-cache",
      description =
          "Review vector cache file (default: cache/review-vectors.bin beside the model folder,"
              + " where train put it).")
  Path vectorCache;

  private final PrintStream stdout;
  private final PrintStream err;

  CatalogCommand() {
    this(System.out, System.err);
  }

  CatalogCommand(PrintStream out, PrintStream err) {
    this.stdout = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    NewestItemReviews itemReviews = new NewestItemReviews(ReviewWindow.DEFAULT);
    for (Path file : targetFiles) {
      ReadReport read = ReviewFileReader.read(file, itemReviews);
      stdout.println(file + ": " + read.summary());
    }
    ItemTitles titles =
        targetMeta == null ? ItemTitles.none() : ItemTitles.read(targetMeta, id -> true);
    Path cache =
        vectorCache != null
            ? vectorCache
            : model.toAbsolutePath().getParent().resolve("cache/review-vectors.bin");
    CatalogBuildReport report;
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build();
        RacRecTowers towers = RacRecTowers.open(model);
        ConsoleProgress progress = new ConsoleProgress(err)) {
      report =
          CatalogBuilder.builder(encoder)
              .vectors(new ReviewVectors(encoder, Optional.of(cache), false))
              .itemTower(towers)
              .elementType(elementType)
              .progress(progress)
              .build()
              .write(itemReviews, titles, out);
    }
    stdout.println("Catalog: " + out + ": " + report.summary());
    return 0;
  }
}
