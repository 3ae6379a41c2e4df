package io.github.racrec.training.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.training.data.ItemTitles;
import io.github.racrec.training.data.ReadReport;
import io.github.racrec.training.data.ReviewFileReader;
import io.github.racrec.training.data.ReviewRecord;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frozen full-scale configuration makes data at the original's scale, and its truth gives an
 * oracle ranking that finds users' music far better than chance.
 */
class SyntheticFullScaleTest {
  @TempDir Path dir;

  @Test
  void syntheticV1_hasTheOriginalsScaleAndAnOracleRanking() {
    DemoData data = DemoGenerator.generate(DemoConfig.syntheticFullScale(), dir);
    assertTrue(data.movieReviews() >= 1_000_000, "movie reviews: " + data.movieReviews());
    assertTrue(
        data.musicReviews() > 125_000 && data.musicReviews() < 135_000,
        "music reviews: " + data.musicReviews());
    assertEquals(70_500, ItemTitles.read(data.musicMetaFile(), id -> true).size());

    Map<String, List<String>> musicByUser = new HashMap<>();
    ReadReport report =
        ReviewFileReader.read(
            data.musicReviewFile(),
            (ReviewRecord r) ->
                musicByUser.computeIfAbsent(r.userId(), u -> new ArrayList<>()).add(r.itemId()));
    assertEquals(0, report.badLines());

    DemoTruth truth = DemoTruth.read(dir);
    List<String> items = truth.musicItems();
    List<String> users = new ArrayList<>(musicByUser.keySet());
    Collections.sort(users);
    Collections.shuffle(users, new Random(3));
    // For each reviewed item: the share of items the oracle ranks above it. Under the generator's
    // own distribution (p_i proportional to exp(oracle score)) its expectation is computable.
    double observed = 0;
    double expected = 0;
    int counted = 0;
    for (String user : users.subList(0, 200)) {
      double[] scores = new double[items.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = truth.oracleScore(user, items.get(i));
      }
      double[] sorted = scores.clone();
      Arrays.sort(sorted);
      double weightSum = 0;
      double weightedShare = 0;
      for (double score : scores) {
        double weight = Math.exp(score);
        weightSum += weight;
        weightedShare += weight * shareAbove(sorted, score);
      }
      Set<String> reviewed = new HashSet<>(musicByUser.get(user));
      for (String item : reviewed) {
        observed += shareAbove(sorted, truth.oracleScore(user, item));
        expected += weightedShare / weightSum;
        counted++;
      }
    }
    observed /= counted;
    expected /= counted;
    String message = String.format("observed %.4f, expected %.4f", observed, expected);
    assertTrue(expected < 0.2, "the oracle ranks drawn items far above random (0.5): " + message);
    assertEquals(expected, observed, 0.02, "the data follows the truth's distribution: " + message);
  }

  /** The share of scores strictly above {@code score}, from ascending {@code sorted}. */
  private static double shareAbove(double[] sorted, double score) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] <= score) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return (double) (sorted.length - low) / sorted.length;
  }
}
