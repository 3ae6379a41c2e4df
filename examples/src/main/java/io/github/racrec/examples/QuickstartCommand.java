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
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.data.ReviewRecord;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.ColdStartUsers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The quickstart: generate the demo data, build the music catalog without the cold-start users'
 * music reviews, and recommend music to those users from their movie reviews alone.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Generate demo data, build a music catalog, and recommend music to cold-start users from"
          + " their movie reviews."
    })
final class QuickstartCommand implements Callable<Integer> {
  private static final int TOP = 10;

  @Option(
      names = "--work-dir",
      description = "Where data and catalog go (default: ${DEFAULT-VALUE}).")
  Path workDir = Path.of("racrec-work");

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
    DemoConfig config = DemoConfig.defaults();
    if (users != null || movies != null || music != null) {
      config =
          config.scaled(
              users != null ? users : config.sharedUsers(),
              movies != null ? movies : config.movies(),
              music != null ? music : config.musicItems());
    }
    out.println("racrec quickstart: music for people known only by their movie reviews");
    out.printf(Locale.ROOT, "%n[1/3] Generating demo data (%s) in %s%n", config.name(), workDir);
    DemoData data = DemoGenerator.generate(config, workDir.resolve("demo"));
    out.printf(
        Locale.ROOT,
        "      %,d movie reviews, %,d music reviews%n",
        data.movieReviews(),
        data.musicReviews());

    Map<String, List<ReviewRecord>> movieReviews = byUser(data.movieReviewFile());
    Map<String, List<ReviewRecord>> musicReviews = byUser(data.musicReviewFile());
    Set<String> coldStart =
        ColdStartUsers.pick(movieReviews.keySet(), musicReviews.keySet(), coldStartUsers, seed);

    out.printf(
        Locale.ROOT,
        "%n[2/3] Building the music catalog (%d cold-start users' music reviews held out)%n",
        coldStart.size());
    NewestItemReviews itemReviews = new NewestItemReviews(ReviewWindow.DEFAULT);
    musicReviews.forEach(
        (user, reviews) -> {
          if (!coldStart.contains(user)) {
            reviews.forEach(itemReviews);
          }
        });
    Path catalogFile = workDir.resolve("music-content.rcat");
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {
      CatalogBuildReport report;
      try (ConsoleProgress progress = new ConsoleProgress(err)) {
        report =
            CatalogBuilder.builder(encoder)
                .progress(progress)
                .build()
                .write(itemReviews, ItemTitles.read(data.musicMetaFile(), id -> true), catalogFile);
      }
      out.println("      " + report.summary());

      out.printf(
          Locale.ROOT,
          "%n[3/3] Top %d music items for %d cold-start users, from their movie reviews%n",
          TOP,
          coldStart.size());
      try (ExactCatalogIndex catalog = ExactCatalogIndex.open(catalogFile);
          Recommender recommender = ContentRecommender.create(encoder, catalog)) {
        for (String user : coldStart) {
          printUser(user, movieReviews.get(user), musicReviews.get(user), recommender);
        }
      }
    }
    out.printf(
        Locale.ROOT,
        "%n(+) marks music the user really reviewed; those reviews were hidden from the catalog.%n");
    return 0;
  }

  private void printUser(
      String user,
      List<ReviewRecord> movieReviews,
      List<ReviewRecord> hiddenMusic,
      Recommender recommender) {
    List<Review> reviews = new ArrayList<>();
    for (ReviewRecord r : movieReviews) {
      reviews.add(Review.of(r.text(), r.rating(), Instant.ofEpochMilli(r.timestampMillis())));
    }
    Set<String> reallyReviewed = new HashSet<>();
    hiddenMusic.forEach(r -> reallyReviewed.add(r.itemId()));

    out.printf(Locale.ROOT, "%nUser %s wrote about movies:%n", user);
    for (int i = 0; i < reviews.size(); i++) {
      Review review = reviews.get(i);
      out.printf(
          Locale.ROOT,
          "  [%d] %s %s%n",
          i + 1,
          stars(review.rating().orElse(0)),
          shorten(review.text(), 96));
    }
    out.println("  Recommended music:");
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

  private static Map<String, List<ReviewRecord>> byUser(Path file) {
    Map<String, List<ReviewRecord>> users = new HashMap<>();
    ReviewFileReader.read(
        file, review -> users.computeIfAbsent(review.userId(), u -> new ArrayList<>()).add(review));
    return users;
  }

  private static String stars(double rating) {
    int full = (int) Math.round(rating);
    return "*".repeat(full) + ".".repeat(5 - full);
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
