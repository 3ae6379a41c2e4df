package io.github.racrec.training.resume;

import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.racrec.RacRecTrainer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the encoding ({@code encode}) or the training ({@code train}) of {@link
 * InterruptedRunSetup}'s run, printing progress slowly, until the test kills it.
 */
public final class InterruptedRunChild {
  private InterruptedRunChild() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    CrossDomainDataset dataset = InterruptedRunSetup.dataset(folder);
    try (OnnxTextEncoder encoder = InterruptedRunSetup.encoder(folder)) {
      if (args[1].equals("encode")) {
        InterruptedRunSetup.view(
            dataset,
            InterruptedRunSetup.vectors(encoder, folder),
            InterruptedRunSetup.printingSlowly(200));
      } else {
        EvalData view =
            InterruptedRunSetup.view(
                dataset, InterruptedRunSetup.vectors(encoder, folder), p -> {});
        RacRecTrainer.train(
            view.training(),
            InterruptedRunSetup.CONFIG,
            InterruptedRunSetup.printingSlowly(300),
            Optional.of(InterruptedRunSetup.checkpoints(folder)));
      }
    }
    System.out.println("finished");
  }
}
