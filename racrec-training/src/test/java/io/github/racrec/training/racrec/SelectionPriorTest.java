package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The selection score and the validation rule that weighs rating against popularity. */
class SelectionPriorTest {
  private static final int ITEMS = 100;

  @Test
  void score_blendsRatingAndLogCount() {
    assertEquals(Math.log1p(9), SelectionPrior.score(0, 4.5, 9), 1e-12);
    assertEquals(4.5, SelectionPrior.score(1, 4.5, 9), 1e-12);
    assertEquals(0.25 * 4 + 0.75 * Math.log1p(3), SelectionPrior.score(0.25, 4, 3), 1e-12);
  }

  @Test
  void ndcg_fullCatalog_tiesGoToTheLowerIndex() {
    double[] scores = {1, 3, 3, 0, 2};
    // Ranked 1, 2, 4, 0, 3: item 2 is second, item 0 fourth.
    assertEquals(1 / log2(3), SelectionPrior.ndcg(scores, new int[] {2}), 1e-12);
    double idealTwo = 1 + 1 / log2(3);
    assertEquals(
        (1 / log2(3) + 1 / log2(5)) / idealTwo,
        SelectionPrior.ndcg(scores, new int[] {2, 0}),
        1e-12);
    assertEquals(
        0, SelectionPrior.ndcg(new double[20], new int[] {15}), 1e-12, "beyond the top 10");
  }

  /** Users pick the popular items and the ratings are noise: the rule falls back to popularity. */
  @Test
  void bestWeight_ratingsWithoutSignal_fallsBackToPopularity() {
    Random random = new Random(1);
    int[] counts = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      counts[i] = ITEMS - i; // item 0 most popular
    }
    List<double[]> ratings = new ArrayList<>();
    List<int[]> picked = new ArrayList<>();
    for (int u = 0; u < 30; u++) {
      double[] r = new double[ITEMS];
      for (int i = 0; i < ITEMS; i++) {
        r[i] = 1 + 4 * random.nextDouble();
      }
      ratings.add(r);
      picked.add(new int[] {random.nextInt(5), 5 + random.nextInt(5)});
    }
    assertEquals(0.0, SelectionPrior.bestWeight(ratings, picked, counts));
  }

  /**
   * The ratings point at unpopular items: from weight 0.5 on, 4 stars of lead beat up to log(101 /
   * 2) = 3.9 of popularity and every pick is ranked first; below, some are not. Of the tied weights
   * the smallest wins.
   */
  @Test
  void bestWeight_ratingsThatKnow_trustsThemWithTheSmallestSufficientWeight() {
    int[] counts = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      counts[i] = i + 1; // item 0 least popular
    }
    List<double[]> ratings = new ArrayList<>();
    List<int[]> picked = new ArrayList<>();
    for (int u = 0; u < 10; u++) {
      double[] r = new double[ITEMS];
      java.util.Arrays.fill(r, 1);
      r[u] = 5;
      ratings.add(r);
      picked.add(new int[] {u});
    }
    assertEquals(0.5, SelectionPrior.bestWeight(ratings, picked, counts));
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
