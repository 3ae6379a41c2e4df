package io.github.racrec.examples;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecRecommender;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.racrec.RacRecConfig;
import io.github.racrec.training.racrec.RacRecPipeline;
import io.github.racrec.training.racrec.RacRecVariants;
import io.github.racrec.training.racrec.TrainedRacRec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole path, end to end: data, split, training, export, catalog, recommendations with
 * explanations for held-out cold-start users. On the demo data by default, or on files. Registered
 * as {@code pipeline} and, with the same defaults, as {@code quickstart}.
 */
@Command(
    mixinStandardHelpOptions = true,
    description = {
      "Train RACRec and recommend target-domain items (music) to cold-start users from their"
          + " source-domain reviews (movies): data, split, training, ONNX export, catalog,"
          + " recommendations with explanations. Demo data by default, or your files."
    })
final class PipelineCommand implements Callable<Integer> {
  private static final int TOP = 10;

  @Option(names = "--work-dir", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path workDir = Path.of("racrec-work");

  @Option(names = "--source", arity = "1..*", description = "Source-domain review files.")
  List<Path> sourceFiles;

  @Option(names = "--target", arity = "1..*", description = "Target-domain review files.")
  List<Path> targetFiles;

  @Option(names = "--target-meta", description = "Target-domain metadata file, for titles.")
  Path targetMeta;

  @Option(
      names = "--cold-start-users",
      description = "Users held out and recommended to (default: ${DEFAULT-VALUE}).")
  int coldStartUsers = 5;

  @Option(
      names = "--variant",
      description =
          "RACRec configuration: corrected (all corrections, tuned), original, or an ablation"
              + " variant; one of ${COMPLETION-CANDIDATES} (default: corrected).")
  ModelVariant variant = ModelVariant.CORRECTED;

  @Option(names = "--epochs", description = "Most training epochs (default: the configuration's).")
  Integer epochs;

  @Option(
      names = "--seed",
      description = "Seed of the split and training (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--vector-cache",
      description = "Review vector cache file (default: <work-dir>/cache/review-vectors.bin).")
  Path vectorCache;

  private final PrintStream out;
  private final PrintStream err;

  PipelineCommand() {
    this(System.out, System.err);
  }

  /** For tests: results go to {@code out}, progress bars to {@code err}. */
  PipelineCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    System.setProperty("java.awt.headless", "true");
    out.println("racrec: music for people known only by their movie reviews");
    if ((sourceFiles == null) != (targetFiles == null)) {
      err.println("Name both --source and --target files, or neither for the demo data.");
      return 2;
    }
    if (sourceFiles == null) {
      out.printf(Locale.ROOT, "%n[1/4] Generating the demo data in %s%n", workDir.resolve("demo"));
      DemoData demo = DemoGenerator.generate(DemoConfig.defaults(), workDir.resolve("demo"));
      sourceFiles = List.of(demo.movieReviewFile());
      targetFiles = List.of(demo.musicReviewFile());
      targetMeta = demo.musicMetaFile();
    } else {
      out.printf(Locale.ROOT, "%n[1/4] Reading %s and %s%n", sourceFiles, targetFiles);
    }
    CrossDomainDataset dataset =
        CrossDomainAssembler.assemble(sourceFiles, targetFiles, AssemblyConfig.anyOverlap());
    out.println("      " + dataset.describe().replace("\n", "\n      "));
    double share = Math.min(0.5, (double) coldStartUsers / dataset.overlapUsers().length);
    Split split = Split.draw(dataset, share, 0.1, seed);
    ItemTitles titles =
        targetMeta == null
            ? ItemTitles.none()
            : ItemTitles.read(targetMeta, id -> dataset.targetItems().indexOf(id) >= 0);

    RacRecVariants.Variant chosen = variant.variant();
    RacRecConfig config = chosen.config().withSeed(seed);
    if (epochs != null) {
      config = config.withEpochs(epochs);
    }
    out.printf(
        Locale.ROOT,
        "%n[2/4] Training %s on %d users (%d cold-start users and %d validation users held"
            + " out)%n",
        chosen.displayName(),
        dataset.overlapUsers().length - split.hiddenUsers().size(),
        split.testUsers().size(),
        split.validationUsers().size());
    RacRecPipeline.Result result;
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {
      try (ConsoleProgress progress = new ConsoleProgress(err)) {
        Path cache =
            vectorCache != null ? vectorCache : workDir.resolve("cache/review-vectors.bin");
        result =
            RacRecPipeline.run(dataset, split, encoder, config, titles, workDir, cache, progress);
      }
      TrainedRacRec model = result.model();
      Path curve =
          TrainingCharts.write(
              model.history(), model.bestEpoch(), workDir.resolve("training-curve.png"));
      out.printf(
          Locale.ROOT,
          "      %d epochs; best epoch %d: training RMSE %.3f (as trained), validation cold-start"
              + " RMSE %.3f; curve: %s%n",
          model.history().size(),
          model.bestEpoch(),
          Math.sqrt(model.best().predictionLoss()),
          model.best().validationRmse(),
          curve);
      out.printf(Locale.ROOT, "%n[3/4] Exported the model to %s%n", result.modelFolder());
      out.println("      catalog: " + result.catalog().summary());

      out.printf(
          Locale.ROOT,
          "%n[4/4] Top %d for %d cold-start users, from their source reviews alone%n",
          TOP,
          split.testUsers().size());
      try (RacRecTowers towers = RacRecTowers.open(result.modelFolder());
          ExactCatalogIndex catalog = ExactCatalogIndex.open(result.catalogFile());
          Recommender recommender = RacRecRecommender.create(encoder, towers, catalog)) {
        for (String user : split.testUsers()) {
          printUser(dataset, dataset.users().indexOf(user), recommender);
        }
      }
    }
    out.printf(
        Locale.ROOT,
        "%n(+) marks items the user really reviewed; those reviews were hidden from training and"
            + " from the catalog.%n");
    return 0;
  }

  private void printUser(CrossDomainDataset dataset, int user, Recommender recommender) {
    DomainReviews source = dataset.source();
    List<Review> reviews = new ArrayList<>();
    for (int r : source.reviewsOfUser(user)) {
      if (source.hasText(r)) {
        reviews.add(
            Review.of(
                source.text(r), source.rating(r), Instant.ofEpochMilli(source.timestampMillis(r))));
      }
    }
    Set<String> reallyReviewed = new HashSet<>();
    for (int r : dataset.target().reviewsOfUser(user)) {
      reallyReviewed.add(dataset.targetItems().id(dataset.target().item(r)));
    }
    out.printf(Locale.ROOT, "%nUser %s wrote:%n", dataset.users().id(user));
    for (int i = 0; i < reviews.size(); i++) {
      Review review = reviews.get(i);
      out.printf(
          Locale.ROOT,
          "  [%d] %s %s%n",
          i + 1,
          stars(review.rating().orElse(0)),
          shorten(review.text(), 96));
    }
    out.println("  Recommended (predicted stars, most because of):");
    List<Recommendation> top = recommender.recommend(reviews, TOP);
    for (int i = 0; i < top.size(); i++) {
      Recommendation rec = top.get(i);
      String because =
          rec.explanation()
              .flatMap(e -> e.strongest())
              .map(
                  c ->
                      String.format(
                          Locale.ROOT, "[%d] %+.2f", c.reviewIndex() + 1, c.contribution()))
              .orElse("");
      out.printf(
          Locale.ROOT,
          "  %2d. %-3s %-34s %4.1f  %s%n",
          i + 1,
          reallyReviewed.contains(rec.itemId()) ? "(+)" : "",
          shorten(rec.title().isEmpty() ? rec.itemId() : rec.title(), 34),
          rec.predictedRating().orElse(Double.NaN),
          because);
    }
  }

  private static String stars(double rating) {
    int full = (int) Math.round(rating);
    return "*".repeat(full) + ".".repeat(5 - full);
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
