package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.onnx.ItemTermBlend;
import io.github.racrec.training.eval.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blended scores, and the validation rule that weighs rating against popularity. */
class ItemTermChoiceTest {
  private static final int ITEMS = 100;

  @Test
  void blend_ratingAndSelection_followTheirFormulas() {
    ItemTermBlend blend = new ItemTermBlend(0.25, 0.5, 3.5, 2);
    // (4 + 4 + 3.5 * 2) / (2 + 2) = 3.75
    assertEquals(3.75, blend.itemMean(8, 2), 1e-12);
    assertEquals(3.5, blend.itemMean(0, 0), 1e-12, "no reviews: the prior");
    assertEquals(0.25 * 5 + 0.75 * 3.75, blend.rating(5, 3.75), 1e-12);
    assertEquals(
        0.5 * 4 + 0.5 * Math.log1p(3), blend.selection(4, ItemTermBlend.popularity(3)), 1e-12);
    ItemTermBlend head = ItemTermBlend.headOnly();
    assertEquals(4.2, head.selection(4.2, 7), 1e-12, "weights 1: the head alone");
    assertEquals(4.2, head.rating(4.2, 1), 1e-12, "weights 1: the head alone");
  }

  /** The catalog's extra components turn the scan's inner product into the selection score. */
  @Test
  void query_dotCatalogVector_isTheSelectionScoreAndExplainsExactly() {
    ItemTermBlend blend = new ItemTermBlend(0.7, 0.4, 3.9, 5);
    float[] taste = {0.5f, -1.25f, 2f};
    float[] item = {1f, 0.5f, 0.75f};
    float[] terms = blend.catalogTerms(17, 4);
    float[] vector = {item[0], item[1], item[2], terms[0], terms[1]};
    float[] query = blend.query(taste);
    double scan = 0;
    for (int j = 0; j < query.length; j++) {
      scan += (double) query[j] * vector[j];
    }
    double head = 0.5 * 1 - 1.25 * 0.5 + 2 * 0.75;
    double rating = blend.rating(head, blend.itemMean(17, 4));
    double expected = blend.selection(head, Math.log1p(4));
    assertEquals(expected, scan, 1e-5);
    assertEquals(rating, blend.rating(taste, vector, 0), 1e-5);
    assertEquals(expected, blend.tastePart(taste, vector) + blend.itemPart(vector), 1e-5);
  }

  @Test
  void problem_weightsOutsideTheUnitInterval_named() {
    assertEquals(null, new ItemTermBlend(0, 1, 4, 20).problem());
    assertTrue(new ItemTermBlend(1.5, 1, 4, 0).problem().contains("weights"));
    assertTrue(new ItemTermBlend(1, 1, Double.NaN, 0).problem().contains("prior"));
  }

  @Test
  void ndcg_fullCatalog_tiesGoToTheLowerIndex() {
    double[] scores = {1, 3, 3, 0, 2};
    // Ranked 1, 2, 4, 0, 3: item 2 is second, item 0 fourth.
    assertEquals(1 / log2(3), ItemTermChoice.ndcg(scores, new int[] {2}), 1e-12);
    double idealTwo = 1 + 1 / log2(3);
    assertEquals(
        (1 / log2(3) + 1 / log2(5)) / idealTwo,
        ItemTermChoice.ndcg(scores, new int[] {2, 0}),
        1e-12);
    assertEquals(
        0, ItemTermChoice.ndcg(new double[20], new int[] {15}), 1e-12, "beyond the top 10");
  }

  /** Users pick the popular items and the ratings are noise: the rule falls back to popularity. */
  @Test
  void bestSelectionWeight_ratingsWithoutSignal_fallsBackToPopularity() {
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
    assertEquals(0.0, ItemTermChoice.bestSelectionWeight(ratings, picked, counts));
  }

  /**
   * The ratings point at unpopular items: from weight 0.5 on, 4 stars of lead beat up to log(101 /
   * 2) = 3.9 of popularity and every pick is ranked first; below, some are not. Of the tied weights
   * the smallest wins.
   */
  @Test
  void bestSelectionWeight_ratingsThatKnow_trustsThemWithTheSmallestSufficientWeight() {
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
    assertEquals(0.5, ItemTermChoice.bestSelectionWeight(ratings, picked, counts));
  }

  /** Users rate each item at its mean and the head is noise: the rating falls back to the mean. */
  @Test
  void bestRatingBlend_headWithoutSignal_fallsBackToTheItemMean() {
    Random random = new Random(2);
    TrainingData.Catalog catalog = catalogWithMeans(random);
    List<double[]> heads = new ArrayList<>();
    List<int[]> rated = new ArrayList<>();
    List<float[]> stars = new ArrayList<>();
    for (int u = 0; u < 40; u++) {
      double[] head = new double[ITEMS];
      for (int i = 0; i < ITEMS; i++) {
        head[i] = 1 + 4 * random.nextDouble();
      }
      int item = random.nextInt(ITEMS);
      heads.add(head);
      rated.add(new int[] {item});
      stars.add(new float[] {(float) (catalog.ratingSums()[item] / catalog.reviewCounts()[item])});
    }
    ItemTermBlend blend = ItemTermChoice.bestRatingBlend(heads, rated, stars, catalog, 3);
    assertEquals(0.0, blend.ratingWeight());
    assertEquals(0.0, blend.meanPriorWeight(), "the raw means are exact here");
  }

  /** The head knows each user's rating and the item means do not: the head is trusted alone. */
  @Test
  void bestRatingBlend_headThatKnows_isTrustedAlone() {
    Random random = new Random(3);
    TrainingData.Catalog catalog = catalogWithMeans(random);
    List<double[]> heads = new ArrayList<>();
    List<int[]> rated = new ArrayList<>();
    List<float[]> stars = new ArrayList<>();
    for (int u = 0; u < 40; u++) {
      float star = 1 + random.nextInt(5);
      double[] head = new double[ITEMS];
      java.util.Arrays.fill(head, star);
      heads.add(head);
      rated.add(new int[] {random.nextInt(ITEMS)});
      stars.add(new float[] {star});
    }
    assertEquals(
        1.0, ItemTermChoice.bestRatingBlend(heads, rated, stars, catalog, 3).ratingWeight());
  }

  private static TrainingData.Catalog catalogWithMeans(Random random) {
    int[] counts = new int[ITEMS];
    double[] sums = new double[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      counts[i] = 1 + random.nextInt(10);
      sums[i] = counts[i] * (1 + 4 * random.nextDouble());
    }
    return new TrainingData.Catalog(
        java.util.stream.IntStream.range(0, ITEMS).mapToObj(i -> "i" + i).toList(),
        new float[ITEMS][1],
        counts,
        sums,
        counts);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
