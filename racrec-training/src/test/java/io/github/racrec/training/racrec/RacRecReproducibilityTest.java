package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.training.SmallDemo;
import io.github.racrec.training.eval.TrainingData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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

  /**
   * Training must not read memory the garbage collector can free: DJL's {@code mul(Number)} and kin
   * left autograd holding constants in Java buffers, and a collection between the forward and the
   * backward pass changed the gradients (see {@link TorchArrays}). Here a thread collects and
   * refills small native buffers with garbage all through the second training.
   */
  @Test
  void train_whileGarbageIsCollected_identicalModelFingerprints() throws InterruptedException {
    RacRecConfig config = RacRecConfig.corrected().withEpochs(4);
    String quiet = fingerprint(config, "quiet");
    AtomicBoolean training = new AtomicBoolean(true);
    Thread collector = new Thread(() -> collectAndRefill(training), "gc-pressure");
    collector.setDaemon(true);
    collector.start();
    String underPressure;
    try {
      underPressure = fingerprint(config, "under-pressure");
    } finally {
      training.set(false);
      collector.join();
    }
    assertEquals(quiet, underPressure);
  }

  /** Frees native buffers and fills new ones of the same small sizes with NaN, until stopped. */
  private static void collectAndRefill(AtomicBoolean running) {
    while (running.get()) {
      System.gc();
      for (int i = 0; i < 2_000; i++) {
        ByteBuffer garbage =
            ByteBuffer.allocateDirect(4 + 4 * (i % 4)).order(ByteOrder.nativeOrder());
        while (garbage.remaining() >= 4) {
          garbage.putFloat(Float.NaN);
        }
      }
    }
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
