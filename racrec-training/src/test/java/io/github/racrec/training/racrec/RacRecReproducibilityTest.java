package io.github.racrec.training.racrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.RacRecManifest;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
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
import java.nio.file.Path;
import java.util.List;
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
