package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.training.SmallDemo;
import io.github.racrec.training.eval.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed, data and JDK give the same weights, bit for bit. */
class RacRecReproducibilityTest {
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

  @Test
  void train_sameSeedTwice_identicalModelFingerprints() {
    RacRecConfig config = RacRecConfig.corrected().withEpochs(4);
    String first = fingerprint(config, "first");
    String second = fingerprint(config, "second");
    assertEquals(first, second);
  }

  @Test
  void train_otherSeed_otherModelFingerprint() {
    RacRecConfig config = RacRecConfig.corrected().withEpochs(4);
    assertNotEquals(fingerprint(config, "seed-a"), fingerprint(config.withSeed(43), "seed-b"));
  }

  @Test
  void train_byDefault_pytorchRunsOnOneIntraOpThread() {
    TrainingEngine.pytorch();
    assertEquals("1", System.getProperty(TrainingEngine.INTRA_OP_THREADS));
    assertEquals(1, ai.djl.pytorch.jni.JniUtils.getNumThreads());
  }

  private static String fingerprint(RacRecConfig config, String name) {
    TrainedRacRec model =
        RacRecTrainer.train(training, config, ProgressListener.none(), Optional.empty());
    RacRecManifest manifest =
        RacRecExporter.export(model, encoder.fingerprint(), dir.resolve(name));
    return manifest.modelFingerprint();
  }
}
