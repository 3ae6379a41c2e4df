package io.github.racrec.training;

import io.github.racrec.api.ProgressListener;
import io.github.racrec.onnx.OnnxTextEncoder;
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

/** What the RACRec tests train on: a small demo world, encoded by a tiny BERT the test writes. */
public final class SmallDemo {
  private SmallDemo() {}

  /** A tiny random BERT (48-d) written into {@code folder}; the caller closes the encoder. */
  public static OnnxTextEncoder tinyEncoder(Path folder) throws IOException {
    Path model = new TinyBertModel(48, 512, false, 5).writeFolder(folder);
    return OnnxTextEncoder.builder().model(TransformerModel.fromFolder(model)).build();
  }

  /**
   * The training side of one split (20 % test, 10 % validation users, seed 1) of a demo world of
   * 100 users, 30 movies and 40 music items generated into {@code folder}.
   */
  public static TrainingData training(OnnxTextEncoder encoder, Path folder) throws IOException {
    DemoData demo = DemoGenerator.generate(DemoConfig.defaults().scaled(100, 30, 40), folder);
    CrossDomainDataset data =
        CrossDomainAssembler.assemble(
            List.of(demo.movieReviewFile()),
            List.of(demo.musicReviewFile()),
            AssemblyConfig.anyOverlap());
    return EvalData.build(
            data,
            Split.draw(data, 0.2, 0.1, 1),
            new ReviewVectors(encoder, Optional.empty()),
            10,
            ProgressListener.none())
        .training();
  }
}
