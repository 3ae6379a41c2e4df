package io.github.racrec.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.training.eval.EvalData.TestUser;
import io.github.racrec.training.eval.EvalData.UserProfile;
import io.github.racrec.training.eval.Evaluator.Candidate;
import io.github.racrec.training.eval.models.PopularityModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluation with a fit folder reuses a finished fit only when nothing that decides it changed,
 * and gives the same report as the run that fitted.
 */
class FitCacheTest {
  private static final int ITEMS = 40;

  @TempDir Path folder;

  private final AtomicInteger fits = new AtomicInteger();

  @Test
  void evaluate_sameEverything_secondRunFitsNothingAndReportsTheSame() {
    EvalResult first = run(split(5, 4.0f), "a");
    EvalResult second = run(split(5, 4.0f), "a");

    assertEquals(1, fits.get());
    assertEquals(first.models(), second.models());
  }

  @Test
  void evaluate_changedSettingOrData_fitsAgain() {
    run(split(5, 4.0f), "a");
    run(split(5, 4.0f), "b"); // another model setting
    run(split(5, 3.0f), "a"); // one held-out rating differs

    assertEquals(3, fits.get());
  }

  @Test
  void evaluate_damagedFitFile_fitsAgainAndReportsTheSame() throws IOException {
    EvalResult first = run(split(5, 4.0f), "a");
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.write(file, new byte[] {0, 0, 0, 1, 7});
      }
    }
    EvalResult second = run(split(5, 4.0f), "a");

    assertEquals(2, fits.get());
    assertEquals(first.models(), second.models());
  }

  private EvalResult run(EvalData split, String setting) {
    Candidate candidate = new Candidate("counted", () -> new CountedModel(fits, setting));
    return Evaluator.evaluate(
        List.of(split),
        Protocol.b(),
        List.of(3L),
        List.of(candidate),
        new Evaluator.Settings(10, 10, 20).withFitFolder(folder),
        ProgressListener.none());
  }

  /** A split of 40 random items and two test users; {@code rating} is one held-out rating. */
  private static EvalData split(long seed, float rating) {
    Random random = new Random(seed);
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
            testUser("a", new int[] {3, 7}, new float[] {5, rating}),
            testUser("b", new int[] {12}, new float[] {4})));
  }

  private static TestUser testUser(String id, int[] items, float[] ratings) {
    UserProfile profile =
        new UserProfile(
            id, new float[][] {{1, 0, 0, 0}}, new float[] {4}, new float[] {1, 0, 0, 0});
    return new TestUser(profile, items, ratings, 0);
  }

  /** Popularity that counts its fits and reports one setting. */
  private static final class CountedModel implements ColdStartModel {
    private final PopularityModel popularity = new PopularityModel();
    private final AtomicInteger fits;
    private final String setting;

    CountedModel(AtomicInteger fits, String setting) {
      this.fits = fits;
      this.setting = setting;
    }

    @Override
    public String name() {
      return "counted";
    }

    @Override
    public boolean predictsRatings() {
      return popularity.predictsRatings();
    }

    @Override
    public void fit(TrainingData data) {
      fits.incrementAndGet();
      popularity.fit(data);
    }

    @Override
    public UserScores score(UserProfile user) {
      return popularity.score(user);
    }

    @Override
    public Map<String, Object> settings() {
      return Map.of("setting", setting, "weight", 0.25f);
    }
  }
}
