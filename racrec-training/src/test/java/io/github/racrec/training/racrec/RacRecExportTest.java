package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.ErrorCode;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.api.RacrecException;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.onnx.RacRecTowers;
import io.github.racrec.onnx.UserTaste;
import io.github.racrec.training.SmallDemo;
import io.github.racrec.training.eval.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A trained model exported to ONNX gives what DJL gives, and its folder is checked on load. */
class RacRecExportTest {
  @TempDir static Path dir;
  static OnnxTextEncoder encoder;
  static TrainingData training;

  @BeforeAll
  static void prepare() throws IOException {
    encoder = SmallDemo.tinyEncoder(dir.resolve("encoder"));
    training = SmallDemo.training(encoder, dir.resolve("demo"));
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  static Stream<RacRecConfig> variants() {
    RacRecConfig original = RacRecConfig.original().withEpochs(3);
    return Stream.of(
        original,
        original.toBuilder().rankingWeight(0.5f).corrections(Corrections.all()).build(),
        original.withCorrections(Corrections.all().withHiddenSize(16)));
  }

  @ParameterizedTest
  @MethodSource("variants")
  void export_thousandRandomInputs_ortMatchesDjlWithin1e5Relative(RacRecConfig config) {
    Path folder = dir.resolve("model-fidelity-" + config.hashCode());
    try (TrainingRun run = RacRecTrainer.start(training, config)) {
      TrainedRacRec trained = run.train(ProgressListener.none(), Optional.empty());
      // The network holds the last epoch's weights: export those to compare with DJL.
      TrainedRacRec model = run.snapshot(trained.history(), trained.history().size());
      RacRecManifest manifest = RacRecExporter.export(model, encoder.fingerprint(), folder);
      assertEquals(10, manifest.reviewWindow());
      assertEquals(config.servedSize(), manifest.tasteDimension());
      assertEquals(config.corrections().linear(), manifest.linearUserTower());
      Random random = new Random(1);
      int d = model.inputSize();
      try (RacRecTowers towers = RacRecTowers.open(folder)) {
        double worstUser = 0;
        double worstItem = 0;
        double worstJava = 0;
        for (int i = 0; i < 1000; i++) {
          int n = 1 + random.nextInt(10);
          float[][] reviews = gaussian(random, n, d);
          UserTaste taste = towers.userTaste(reviews);
          float[] djl = run.djlTastes(new float[][] {mean(reviews)})[0];
          worstUser = Math.max(worstUser, relativeError(taste.taste(), djl));
          worstJava = Math.max(worstJava, relativeError(model.taste(mean(reviews)), djl));
          if (manifest.linearUserTower()) {
            // The split is exact: taste = mean of review terms + bias term.
            float[] rebuilt = taste.biasTerm().clone();
            for (float[] term : taste.reviewTerms()) {
              for (int j = 0; j < rebuilt.length; j++) {
                rebuilt[j] += term[j] / n;
              }
            }
            assertTrue(relativeError(rebuilt, taste.taste()) < 1e-5);
          } else {
            assertEquals(0, taste.reviewTerms().length);
          }
          float[][] items = gaussian(random, 1, d);
          float[] djlItem = run.djlItems(items)[0];
          worstItem = Math.max(worstItem, relativeError(towers.itemVectors(items)[0], djlItem));
          worstJava = Math.max(worstJava, relativeError(model.item(items[0]), djlItem));
        }
        assertTrue(worstUser < 1e-5, "user tower: worst relative error " + worstUser);
        assertTrue(worstItem < 1e-5, "item tower: worst relative error " + worstItem);
        assertTrue(worstJava < 1e-5, "plain Java: worst relative error " + worstJava);
      }
    }
  }

  @Test
  void tastesWithoutEachReview_matchTheTasteOfTheOtherReviews() {
    Path folder = dir.resolve("model-leave-one-out");
    RacRecConfig config =
        RacRecConfig.original().withEpochs(1).withCorrections(Corrections.all().withHiddenSize(16));
    TrainedRacRec model =
        RacRecTrainer.train(training, config, ProgressListener.none(), Optional.empty());
    RacRecExporter.export(model, encoder.fingerprint(), folder);
    Random random = new Random(2);
    try (RacRecTowers towers = RacRecTowers.open(folder)) {
      float[][] reviews = gaussian(random, 4, model.inputSize());
      float[][] without = towers.tastesWithoutEachReview(reviews);
      for (int r = 0; r < reviews.length; r++) {
        List<float[]> others = new ArrayList<>(List.of(reviews));
        others.remove(r);
        float[] expected = towers.userTaste(others.toArray(new float[0][])).taste();
        assertTrue(relativeError(without[r], expected) < 1e-5, "without review " + r);
      }
      float[][] single = gaussian(random, 1, model.inputSize());
      float[] zeroMean = model.taste(new float[model.inputSize()]);
      assertTrue(relativeError(towers.tastesWithoutEachReview(single)[0], zeroMean) < 1e-5);
    }
  }

  @Test
  void reversalScale_followsTheDannSchedule() {
    assertEquals(0, TrainingRun.reversalScale(0, 100), 1e-9);
    assertEquals(2 / (1 + Math.exp(-5)) - 1, TrainingRun.reversalScale(50, 100), 1e-6);
    assertTrue(TrainingRun.reversalScale(100, 100) > 0.999);
  }

  @Test
  void open_damagedOrMixedUpFolder_throwsModelInvalid() throws IOException {
    Path folder = dir.resolve("model-damaged");
    TrainedRacRec model =
        RacRecTrainer.train(
            training,
            RacRecConfig.original().withEpochs(1),
            ProgressListener.none(),
            Optional.empty());
    RacRecExporter.export(model, encoder.fingerprint(), folder);
    byte[] tower = Files.readAllBytes(folder.resolve(RacRecExporter.ITEM_TOWER));
    tower[tower.length - 1] ^= 1;
    Files.write(folder.resolve(RacRecExporter.ITEM_TOWER), tower);
    RacrecException e = assertThrows(RacrecException.class, () -> RacRecTowers.open(folder));
    assertEquals(ErrorCode.MODEL_INVALID, e.code());
    assertTrue(e.getMessage().contains("damaged or mixed up"), e.getMessage());
  }

  static float[][] gaussian(Random random, int n, int d) {
    float[][] rows = new float[n][d];
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return rows;
  }

  static float[] mean(float[][] rows) {
    float[] mean = new float[rows[0].length];
    for (float[] row : rows) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += row[j] / rows.length;
      }
    }
    return mean;
  }

  /** max |a - b| over the largest |b|. */
  static double relativeError(float[] a, float[] b) {
    double worst = 0;
    double scale = 0;
    for (int j = 0; j < a.length; j++) {
      worst = Math.max(worst, Math.abs(a[j] - b[j]));
      scale = Math.max(scale, Math.abs(b[j]));
    }
    return worst / Math.max(scale, Float.MIN_NORMAL);
  }
}
