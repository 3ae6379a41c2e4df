package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.racrec.api.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A model fit inside an evaluation shows its epochs in the evaluation's bar. */
class ConsoleProgressTest {
  @Test
  void aSubTask_showsInTheBarsMessage_andDoesNotOpenABarOfItsOwn() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ConsoleProgress progress =
        new ConsoleProgress(new PrintStream(buffer, true, StandardCharsets.UTF_8))) {
      progress.onProgress(new Progress("evaluating B", 0, 6, "fits"));
      progress.onProgress(new Progress("evaluating B: RACRec (default) 1/3", 7, 40, "epochs"));
    }
    String shown = buffer.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("RACRec (default) 1/3: 7/40 epochs"), shown);
    assertTrue(!shown.contains("evaluating B: RACRec"), "no second bar: " + shown);
  }
}
