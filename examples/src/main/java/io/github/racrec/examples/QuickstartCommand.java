package io.github.racrec.examples;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Recommender;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewContribution;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.ContentRecommender;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.training.catalog.CatalogBuildReport;
import io.github.racrec.training.catalog.CatalogBuilder;
import io.github.racrec.training.catalog.NewestItemReviews;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.data.DomainReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.ColdStartUsers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The quickstart: on the demo data (generated) or on review files the user names, build the
 * target-domain catalog without the cold-start users' target reviews, and recommend target items to
 * those users from their source-domain reviews alone.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Build a catalog and recommend target-domain items (music) to cold-start users from their"
          + " source-domain reviews (movies): on generated demo data, or on files you name."
    })
final class QuickstartCommand implements Callable<Integer> {
  private static final int TOP = 10;

  @Option(
      names = "--work-dir",
      description = "Where data and catalog go (default: ${DEFAULT-VALUE}).")
  Path workDir = Path.of("racrec-work");

  @Option(
      names = "--source",
      arity = "1..*",
      description = "Source-domain review files (e.g. Movies_and_TV.jsonl); default: demo data.")
  List<Path> sourceFiles;

  @Option(
      names = "--target",
      arity = "1..*",
      description = "Target-domain review files (e.g. Digital_Music.jsonl); with --source.")
  List<Path> targetFiles;

  @Option(names = "--target-meta", description = "Target-domain metadata file, for titles.")
  Path targetMeta;

  @Option(names = "--users", description = "Demo users with reviews in both domains.")
  Integer users;

  @Option(names = "--movies", description = "Demo movie items.")
  Integer movies;

  @Option(names = "--music", description = "Demo music items.")
  Integer music;

  @Option(
      names = "--cold-start-users",
      description = "Users to recommend to (default: ${DEFAULT-VALUE}).")
  int coldStartUsers = 5;

  @Option(
      names = "--seed",
      description = "Seed of the cold-start pick (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--reviews-per-item",
      description = "Newest reviews that make an item's vector (default: ${DEFAULT-VALUE}).")
  int reviewsPerItem = ReviewWindow.DEFAULT.size();

  private final PrintStream out;
  private final PrintStream err;

  QuickstartCommand() {
    this(System.out, System.err);
  }

  /** For tests: results go to {@code out}, the progress bar to {@code err}. */
  QuickstartCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    out.println("racrec quickstart: recommendations for people known only by their reviews");
    if ((sourceFiles == null) != (targetFiles == null)) {
      err.println("Name both --source and --target files, or neither for the demo data.");
      return 2;
    }
    if (sourceFiles == null) {
      DemoData data = generateDemo();
      sourceFiles = List.of(data.movieReviewFile());
      targetFiles = List.of(data.musicReviewFile());
      targetMeta = data.musicMetaFile();
    } else {
      out.printf(Locale.ROOT, "%n[1/3] Reading %s and %s%n", sourceFiles, targetFiles);
    }
    CrossDomainDataset dataset =
        CrossDomainAssembler.assemble(sourceFiles, targetFiles, AssemblyConfig.anyOverlap());
    out.println("      " + dataset.describe().replace("\n", "\n      "));
    Set<Integer> coldStart = pickColdStartUsers(dataset);

    out.printf(
        Locale.ROOT,
        "%n[2/3] Building the target catalog (%d cold-start users' target reviews held out)%n",
        coldStart.size());
    NewestItemReviews itemReviews = new NewestItemReviews(new ReviewWindow(reviewsPerItem));
    DomainReviews target = dataset.target();
    for (int r = 0; r < target.size(); r++) {
      if (!coldStart.contains(target.user(r))) {
        itemReviews.accept(target.record(r, dataset.users(), dataset.targetItems()));
      }
    }
    ItemTitles titles =
        targetMeta == null
            ? ItemTitles.none()
            : ItemTitles.read(targetMeta, id -> dataset.targetItems().indexOf(id) >= 0);
    Path catalogFile = workDir.resolve("target-content.rcat");
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {
      CatalogBuildReport report;
      try (ConsoleProgress progress = new ConsoleProgress(err)) {
        report =
            CatalogBuilder.builder(encoder)
                .progress(progress)
                .build()
                .write(itemReviews, titles, catalogFile);
      }
      out.println("      " + report.summary());

      out.printf(
          Locale.ROOT,
          "%n[3/3] Top %d target items for %d cold-start users, from their source reviews%n",
          TOP,
          coldStart.size());
      try (ExactCatalogIndex catalog = ExactCatalogIndex.open(catalogFile);
          Recommender recommender = ContentRecommender.create(encoder, catalog)) {
        for (int user : coldStart) {
          printUser(dataset, user, recommender);
        }
      }
    }
    out.printf(
        Locale.ROOT,
        "%n(+) marks items the user really reviewed; those reviews were hidden from the catalog.%n");
    return 0;
  }

  private DemoData generateDemo() {
    DemoConfig config = DemoConfig.defaults();
    if (users != null || movies != null || music != null) {
      config =
          config.scaled(
              users != null ? users : config.sharedUsers(),
              movies != null ? movies : config.movies(),
              music != null ? music : config.musicItems());
    }
    out.printf(Locale.ROOT, "%n[1/3] Generating demo data (%s) in %s%n", config.name(), workDir);
    return DemoGenerator.generate(config, workDir.resolve("demo"));
  }

  private Set<Integer> pickColdStartUsers(CrossDomainDataset dataset) {
    List<String> overlap =
        IntStream.of(dataset.overlapUsers()).mapToObj(u -> dataset.users().id(u)).toList();
    Set<Integer> picked = new java.util.LinkedHashSet<>();
    int count = Math.min(coldStartUsers, overlap.size());
    for (String id : ColdStartUsers.pick(overlap, overlap, count, seed)) {
      picked.add(dataset.users().indexOf(id));
    }
    return picked;
  }

  private void printUser(CrossDomainDataset dataset, int user, Recommender recommender) {
    List<Review> reviews = new ArrayList<>();
    for (int r : dataset.source().reviewsOfUser(user)) {
      DomainReviews source = dataset.source();
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
    if (reviews.isEmpty()) {
      out.println("  (no review with text: nothing to recommend from)");
      return;
    }
    for (int i = 0; i < reviews.size(); i++) {
      Review review = reviews.get(i);
      out.printf(
          Locale.ROOT,
          "  [%d] %s %s%n",
          i + 1,
          stars(review.rating().orElse(0)),
          shorten(review.text(), 96));
    }
    out.println("  Recommended:");
    List<Recommendation> top = recommender.recommend(reviews, TOP);
    for (int i = 0; i < top.size(); i++) {
      Recommendation rec = top.get(i);
      String because =
          rec.explanation()
              .flatMap(e -> e.strongest())
              .map(ReviewContribution::reviewIndex)
              .map(index -> "most because of [" + (index + 1) + "]")
              .orElse("");
      out.printf(
          Locale.ROOT,
          "  %2d. %-3s %-34s %6.3f  %s%n",
          i + 1,
          reallyReviewed.contains(rec.itemId()) ? "(+)" : "",
          shorten(rec.title().isEmpty() ? rec.itemId() : rec.title(), 34),
          rec.score(),
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
