package io.github.racrec.training.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.Progress;
import io.github.racrec.onnx.OnnxTextEncoder;
import io.github.racrec.training.data.CrossDomainDataset;
import io.github.racrec.training.eval.EvalData;
import io.github.racrec.training.eval.ReviewVectors;
import io.github.racrec.training.racrec.RacRecTrainer;
import io.github.racrec.training.racrec.TrainedRacRec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a run with SIGKILL in the middle of encoding, then in the middle of training, and checks
 * that the next run continues where the killed one stopped: vectors are read back, not encoded
 * again, and training starts after the last finished epoch.
 */
class InterruptedRunTest {
  @TempDir Path folder;

  @Test
  void killedWhileEncodingThenWhileTraining_nextRunContinuesWhereItStopped() throws Exception {
    CrossDomainDataset dataset = InterruptedRunSetup.dataset(folder);
    InterruptedRunSetup.encoder(folder).close(); // writes the model once, before the children

    killAfter("encode", "reviews", 3 * 256);
    List<Integer> encodedAfterKill = new ArrayList<>();
    EvalData view;
    try (OnnxTextEncoder encoder = InterruptedRunSetup.encoder(folder)) {
      ReviewVectors vectors = InterruptedRunSetup.vectors(encoder, folder);
      int known = vectors.size();
      assertTrue(known >= 3 * 256, "the killed run's flushed vectors are back: " + known);
      view = InterruptedRunSetup.view(dataset, vectors, p -> encodedAfterKill.add((int) p.done()));
      int total = vectors.size();
      assertTrue(known < total, "the kill came before the end: " + known + " of " + total);
      assertEquals(total - known, encodedAfterKill.get(encodedAfterKill.size() - 1));
      // The resumed vectors equal an uninterrupted encoding's, bit for bit.
      ReviewVectors fresh = new ReviewVectors(encoder, Optional.empty());
      InterruptedRunSetup.view(dataset, fresh, p -> {});
      String someText = dataset.source().text(0);
      assertArrayEquals(fresh.vector(someText), vectors.vector(someText));
    }

    killAfter("train", "epochs", 3);
    List<Integer> epochsReported = new ArrayList<>();
    TrainedRacRec model =
        RacRecTrainer.train(
            view.training(),
            InterruptedRunSetup.CONFIG,
            (Progress p) -> epochsReported.add((int) p.done()),
            Optional.of(InterruptedRunSetup.checkpoints(folder)));
    int resumedAfter = epochsReported.get(0);
    assertTrue(resumedAfter >= 3, "training resumed after epoch " + resumedAfter);
    assertEquals(
        resumedAfter + 1, epochsReported.get(1), "the next epoch trained is the one after");
    assertEquals(InterruptedRunSetup.CONFIG.epochs(), model.history().size());
    for (int i = 0; i < model.history().size(); i++) {
      assertEquals(i + 1, model.history().get(i).epoch());
    }
    assertTrue(model.bestEpoch() >= 1 && model.bestEpoch() <= model.history().size());
  }

  /** Starts the child and kills it once it has printed {@code unit} with a count of at least n. */
  private void killAfter(String mode, String unit, int atLeast) throws Exception {
    Path log = folder.resolve(mode + ".log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dai.djl.offline=true",
                InterruptedRunChild.class.getName(),
                folder.toString(),
                mode)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    boolean reached = false;
    while (!reached && child.isAlive() && System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log)) {
        String[] parts = line.split(" ");
        if (parts.length == 2 && parts[0].equals(unit) && Integer.parseInt(parts[1]) >= atLeast) {
          reached = true;
        }
      }
      Thread.sleep(10);
    }
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    String output = Files.readString(log);
    assertTrue(reached, "the child never reported " + atLeast + " " + unit + ":\n" + output);
    assertFalse(output.contains("finished"), "the child finished before the kill:\n" + output);
  }
}
