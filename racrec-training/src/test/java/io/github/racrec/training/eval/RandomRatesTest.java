package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.training.eval.EvalData.TestUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.Evaluator.Candidate;
import io.github.racrec.training.eval.models.PopularityModel;
import io.github.racrec.training.eval.models.RandomModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The random-ranking rates an evaluation reports come from the split (its scored test users, their
 * held-out items, the catalog size, k and the negatives), never from whichever model ran.
 */
class RandomRatesTest {
  private static final int ITEMS = 50;
  private static final int K = 10;
  private static final Evaluator.Settings SETTINGS = new Evaluator.Settings(K, 10, 20);

  /** One split: 50 items, two users with held-out items, one without (not scored). */
  private static EvalData split() {
    Random random = new Random(5);
    List<String> ids = new ArrayList<>();
    float[][] vectors = new float[ITEMS][4];
    int[] counts = new int[ITEMS];
    double[] sums = new double[ITEMS];
    int[] vectorCounts = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      ids.add(String.format("item%02d", i));
      for (int j = 0; j < 4; j++) {
        vectors[i][j] = random.nextFloat();
      }
      counts[i] = 1 + random.nextInt(9);
      sums[i] = 4.0 * counts[i];
      vectorCounts[i] = 1;
    }
    TrainingData training =
        new TrainingData(
            new TrainingData.Catalog(ids, vectors, counts, sums, vectorCounts),
            4.0,
            List.of(),
            List.of(),
            10);
    return EvalData.of(
        training,
        List.of(
            testUser("a", new int[] {3, 7}, new float[] {5, 2}),
            testUser("b", new int[] {12}, new float[] {4}),
            testUser("c", new int[0], new float[0])));
  }

  private static TestUser testUser(String id, int[] items, float[] ratings) {
    UserProfile profile =
        new UserProfile(
            id, new float[][] {{1, 0, 0, 0}}, new float[] {4}, new float[] {1, 0, 0, 0});
    return new TestUser(profile, items, ratings, 0);
  }

  private static Map<Metric, Double> randomRates(List<Candidate> candidates) {
    return Evaluator.evaluate(
            List.of(split()),
            Protocol.b(),
            List.of(3L),
            candidates,
            SETTINGS,
            ProgressListener.none())
        .randomRates();
  }

  @Test
  void evaluate_noCandidates_randomRatesComputedFromTheSplit() {
    Map<Metric, Double> rates = randomRates(List.of());

    // User a competes with the 48 unseen items, user b with 49 (Protocol B samples 999); user c
    // has no held-out item and is not scored.
    assertEquals(0.5, rates.get(Metric.AUC));
    assertEquals((10.0 / 49 + 10.0 / 50) / 2, rates.get(Metric.HR_SAMPLED), 1e-15);
    assertEquals((double) K / ITEMS, rates.get(Metric.RECALL_FULL), 1e-15);
    double missA = UserMetrics.missAll(ITEMS, 2, K);
    double missB = UserMetrics.missAll(ITEMS, 1, K);
    assertEquals(((1 - missA) + (1 - missB)) / 2, rates.get(Metric.HR_FULL), 1e-15);
    assertTrue(!rates.containsKey(Metric.RMSE) && !rates.containsKey(Metric.COVERAGE));
  }

  @Test
  void evaluate_anyCandidatesInAnyOrder_sameRandomRatesAsNone() {
    Candidate popularity = new Candidate("popularity", PopularityModel::new);
    Candidate random = new Candidate("random", () -> new RandomModel(17));

    Map<Metric, Double> none = randomRates(List.of());
    assertEquals(none, randomRates(List.of(popularity, random)));
    assertEquals(none, randomRates(List.of(random, popularity)));
  }

  @Test
  void evaluate_modelScoresPartOfTheCatalog_throwsNamingTheModel() {
    // Before the rates came from the split, the last model's score count set the catalog size of
    // the random rates (Recall@10 would have read 10 / 40), and its own metrics silently used it.
    Candidate partial = new Candidate("partial", () -> new PartOfCatalogModel(ITEMS - 10));
    List<Candidate> candidates =
        List.of(new Candidate("popularity", PopularityModel::new), partial);

    RacrecException e = assertThrows(RacrecException.class, () -> randomRates(candidates));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains("model partial gave 40 scores"), e.getMessage());
  }

  /** A faulty model: scores only the first items of the catalog. */
  private static final class PartOfCatalogModel implements ColdStartModel {
    private final int scored;

    PartOfCatalogModel(int scored) {
      this.scored = scored;
    }

    @Override
    public String name() {
      return "partial";
    }

    @Override
    public boolean predictsRatings() {
      return false;
    }

    @Override
    public void fit(TrainingData data) {}

    @Override
    public UserScores score(UserProfile user) {
      return UserScores.ranking(new double[scored]);
    }
  }
}
