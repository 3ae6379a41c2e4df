package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.Recommendation;
import io.github.racrec.api.Review;
import io.github.racrec.api.ReviewWindow;
import io.github.racrec.onnx.ContentRecommender;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.catalog.ExactCatalogIndex;
import io.github.racrec.training.catalog.CatalogBuilder;
import io.github.racrec.training.catalog.NewestItemReviews;
import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.data.ReviewRecord;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the demo data, the content recommender finds cold-start users' music from their movie reviews
 * clearly more often than a random ranking would. The catalog is built without the test users'
 * music reviews, so nothing of what is measured reaches the item vectors.
 */
class ContentBaselineDemoTest {
  private static final int K = 10;
  private static final int TEST_USERS = 150;

  @TempDir Path dir;

  @Test
  void content_hitRateAt10_clearlyAboveRandomRanking() {
    DemoData data = DemoGenerator.generate(DemoConfig.defaults(), dir.resolve("demo"));
    Map<String, List<ReviewRecord>> movies = byUser(data.movieReviewFile());
    Map<String, List<ReviewRecord>> music = byUser(data.musicReviewFile());
    Set<String> testUsers = ColdStartUsers.pick(movies.keySet(), music.keySet(), TEST_USERS, 7);

    NewestItemReviews itemReviews = new NewestItemReviews(ReviewWindow.DEFAULT);
    ReviewFileReader.read(
        data.musicReviewFile(),
        review -> {
          if (!testUsers.contains(review.userId())) {
            itemReviews.accept(review);
          }
        });
    Path catalogFile = dir.resolve("music.rcat");
    try (OnnxTextEncoder encoder = OnnxTextEncoder.builder().build()) {
      CatalogBuilder.builder(encoder).build().write(itemReviews, ItemTitles.none(), catalogFile);
      try (ExactCatalogIndex catalog = ExactCatalogIndex.open(catalogFile)) {
        ContentRecommender recommender = ContentRecommender.create(encoder, catalog);
        int n = catalog.size();
        int evaluated = 0;
        int hits = 0;
        double expectedRandomHits = 0;
        double randomVariance = 0;
        for (String user : testUsers) {
          Set<String> relevant = new HashSet<>();
          for (ReviewRecord r : music.get(user)) {
            if (catalog.item(r.itemId()).isPresent()) {
              relevant.add(r.itemId());
            }
          }
          if (relevant.isEmpty()) {
            continue;
          }
          evaluated++;
          List<Review> reviews = new ArrayList<>();
          for (ReviewRecord r : movies.get(user)) {
            reviews.add(Review.of(r.text(), r.rating(), Instant.ofEpochMilli(r.timestampMillis())));
          }
          List<Recommendation> top = recommender.recommend(reviews, K);
          if (top.stream().anyMatch(rec -> relevant.contains(rec.itemId()))) {
            hits++;
          }
          double p = randomHitProbability(n, relevant.size(), K);
          expectedRandomHits += p;
          randomVariance += p * (1 - p);
        }
        double randomRate = expectedRandomHits / evaluated;
        double randomSd = Math.sqrt(randomVariance) / evaluated;
        double hitRate = (double) hits / evaluated;
        // "Clearly above": beyond four standard deviations of what random rankings would score.
        assertTrue(
            hitRate > randomRate + 4 * randomSd,
            String.format(
                "HR@10 %.3f over %d users; random ranking %.3f (sd %.3f)",
                hitRate, evaluated, randomRate, randomSd));
      }
    }
  }

  /** P(at least one of m relevant items in a random top k of n) = 1 - C(n-m, k) / C(n, k). */
  static double randomHitProbability(int n, int m, int k) {
    double missAll = 1;
    for (int i = 0; i < k; i++) {
      missAll *= (double) (n - m - i) / (n - i);
    }
    return 1 - Math.max(0, missAll);
  }

  private static Map<String, List<ReviewRecord>> byUser(Path file) {
    Map<String, List<ReviewRecord>> users = new HashMap<>();
    ReviewFileReader.read(
        file, r -> users.computeIfAbsent(r.userId(), u -> new ArrayList<>()).add(r));
    return users;
  }
}
