package io.github.racrec.training.resume;

import io.github.racrec.api.Progress;
import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.onnx.TinyBertModel;
import io.github.racrec.onnx.TransformerModel;
import io.github.racrec.training.data.AssemblyConfig;
import io.github.racrec.training.data.CrossDomainAssembler;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.eval.ReviewVectors;
import io.github.racrec.training.eval.Split;
import io.github.racrec.training.racrec.RacRecConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The same small run, built alike in the test and in the child process it kills. */
final class InterruptedRunSetup {
  static final RacRecConfig CONFIG = RacRecConfig.corrected().withEpochs(12);

  private InterruptedRunSetup() {}

  static OnnxTextEncoder encoder(Path folder) throws IOException {
    Path model = folder.resolve("model");
    if (!Files.isDirectory(model)) {
      new TinyBertModel(32, 512, false, 9).writeFolder(model);
    }
    return OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).build();
  }

  static CrossDomainDataset dataset(Path folder) {
    DemoGenerator.DemoData demo =
        DemoGenerator.generate(DemoConfig.defaults().scaled(120, 40, 60), folder.resolve("demo"));
    return CrossDomainAssembler.assemble(
        List.of(demo.movieReviewFile()),
        List.of(demo.musicReviewFile()),
        AssemblyConfig.anyOverlap());
  }

  static Path vectorCache(Path folder) {
    return folder.resolve("cache/review-vectors.bin");
  }

  static Path checkpoints(Path folder) {
    return folder.resolve("checkpoints");
  }

  static EvalData view(
      CrossDomainDataset dataset, ReviewVectors vectors, ProgressListener progress) {
    return EvalData.build(dataset, Split.forServing(dataset, 0.1, 1), vectors, 10, progress);
  }

  static ReviewVectors vectors(OnnxTextEncoder encoder, Path folder) {
    return new ReviewVectors(encoder, Optional.of(vectorCache(folder)));
  }

  /** Prints each report as "unit done", and waits a little so the parent can kill in between. */
  static ProgressListener printingSlowly(long pauseMillis) {
    return (Progress progress) -> {
      System.out.println(progress.unit() + " " + progress.done());
      System.out.flush();
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
