package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.racrec.training.eval.EvalData.TestUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static TestUser user(int[] items, float[] ratings) {
    return new TestUser(
        new UserProfile("u", new float[0][], new float[0], new float[0]), items, ratings, 0);
  }

  private static UserResult result(double[] predicted, float[] actual) {
    return new UserResult("u", 0, 0, 0, 0, 0, 0, new int[0], predicted, actual);
  }

  @Test
  void auc_perfectReversedAndConstantPredictions() {
    float[] actual = {5, 4, 2, 1};
    assertEquals(1.0, Statistics.auc(List.of(result(new double[] {4, 3, 2, 1}, actual))));
    assertEquals(0.0, Statistics.auc(List.of(result(new double[] {1, 2, 3, 4}, actual))));
    assertEquals(0.5, Statistics.auc(List.of(result(new double[] {3, 3, 3, 3}, actual))));
    assertEquals(0.75, Statistics.auc(List.of(result(new double[] {4, 2, 3, 1}, actual))));
  }

  @Test
  void userMetrics_constantScores_scoreExactlyTheRandomRate() {
    double[] scores = new double[500];
    TestUser user = user(new int[] {3, 77}, new float[] {5, 4});
    UserResult r = UserMetrics.compute(UserScores.ranking(scores), user, 10, 999, 1, false);
    RandomExpectation random = RandomExpectation.of(user, 500, 10, 999);
    assertEquals(random.hrSampled(), r.hrSampled(), 1e-12);
    assertEquals(random.ndcgSampled(), r.ndcgSampled(), 1e-12);
    assertEquals(random.mrrSampled(), r.mrrSampled(), 1e-12);
    assertEquals(10.0 / 499, r.hrSampled(), 1e-12, "the pool of 498 negatives is used whole");
  }

  @Test
  void userMetrics_positiveScoredHighest_hitsEverywhere() {
    double[] scores = new double[2000];
    scores[42] = 1;
    TestUser user = user(new int[] {42}, new float[] {5});
    UserResult r = UserMetrics.compute(UserScores.ranking(scores), user, 10, 999, 1, false);
    RandomExpectation random = RandomExpectation.of(user, 2000, 10, 999);
    assertEquals(1.0, r.hrSampled());
    assertEquals(1.0, r.ndcgSampled());
    assertEquals(1.0, r.mrrSampled());
    assertEquals(1.0, r.hrFull());
    assertEquals(1.0, r.recallFull());
    assertEquals(10.0 / 1000, random.hrSampled(), 1e-12, "999 sampled negatives");
    assertEquals(1 - UserMetrics.missAll(2000, 1, 10), random.hrFull(), 1e-12);
    assertEquals(10.0 / 2000, random.recallFull(), 1e-12);
  }

  @Test
  void bootstrap_constantStatistic_hasZeroWidth() {
    List<List<UserResult>> bySeed =
        List.of(
            List.of(
                result(new double[] {1}, new float[] {1}),
                result(new double[] {1}, new float[] {2})));
    Estimate e = Bootstrap.estimate(bySeed, s -> 0.25, 200, 1);
    assertEquals(0.25, e.low());
    assertEquals(0.25, e.high());
    assertEquals(2, e.users());
  }
}
