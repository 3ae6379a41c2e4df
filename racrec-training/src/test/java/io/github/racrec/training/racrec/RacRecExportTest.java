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
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.onnx.UserTaste;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.eval.ReviewVectors;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.eval.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained model exported to ONNX gives what DJL gives, and its folder is checked on load. */
class RacRecExportTest {
  @TempDir static Path dir;
  static OnnxTextEncoder encoder;
  static TrainingData training;

  @BeforeAll
  static void prepare() throws IOException {
    Path model = new TinyBertModel(48, 512, false, 5).writeFolder(dir.resolve("encoder"));
    encoder = OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).build();
    DemoData demo =
        DemoGenerator.generate(DemoConfig.defaults().scaled(100, 30, 40), dir.resolve("demo"));
    CrossDomainDataset data =
        CrossDomainAssembler.assemble(
            List.of(demo.movieReviewFile()),
            List.of(demo.musicReviewFile()),
            AssemblyConfig.anyOverlap());
    training =
        EvalData.build(
                data,
                Split.draw(data, 0.2, 0.1, 1),
                new ReviewVectors(encoder, Optional.empty()),
                10,
                ProgressListener.none())
            .training();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void export_thousandRandomInputs_ortMatchesDjlWithin1e5Relative() {
    Path folder = dir.resolve("model-fidelity");
    try (RacRecTrainer.Run run =
        RacRecTrainer.start(training, RacRecConfig.original().withEpochs(3))) {
      TrainedRacRec model = run.train(ProgressListener.none(), Optional.empty());
      RacRecManifest manifest = RacRecExporter.export(model, encoder.fingerprint(), folder);
      assertEquals(10, manifest.reviewWindow());
      Random random = new Random(1);
      int d = model.inputSize();
      try (RacRecTowers towers = RacRecTowers.open(folder)) {
        double worstUser = 0;
        double worstItem = 0;
        for (int i = 0; i < 1000; i++) {
          int n = 1 + random.nextInt(10);
          float[][] reviews = gaussian(random, n, d);
          UserTaste taste = towers.userTaste(reviews);
          float[] djl = run.djlTastes(new float[][] {mean(reviews)})[0];
          worstUser = Math.max(worstUser, relativeError(taste.taste(), djl));
          // The split is exact: taste = mean of review terms + bias term.
          float[] rebuilt = taste.biasTerm().clone();
          for (float[] term : taste.reviewTerms()) {
            for (int j = 0; j < rebuilt.length; j++) {
              rebuilt[j] += term[j] / n;
            }
          }
          assertTrue(relativeError(rebuilt, taste.taste()) < 1e-5);
          float[][] items = gaussian(random, 1, d);
          worstItem =
              Math.max(
                  worstItem, relativeError(towers.itemVectors(items)[0], run.djlItems(items)[0]));
        }
        assertTrue(worstUser < 1e-5, "user tower: worst relative error " + worstUser);
        assertTrue(worstItem < 1e-5, "item tower: worst relative error " + worstItem);
      }
    }
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
