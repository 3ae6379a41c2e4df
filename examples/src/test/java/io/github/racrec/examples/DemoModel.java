package io.github.racrec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * A small trained demo model and its catalog, made once per test JVM by the quickstart pipeline (5
 * epochs), for the tests that serve real recommendations.
 */
final class DemoModel {
  private static Path workDir;

  private DemoModel() {}

  /** Returns the work folder holding {@code model/} and {@code catalog.rcat}. */
  static synchronized Path workDir() {
    if (workDir == null) {
      Path dir = Path.of("target", "demo-model-for-tests");
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
      int exit =
          new CommandLine(new PipelineCommand(out, out))
              .execute(
                  "--work-dir",
                  dir.toString(),
                  "--cold-start-users",
                  "3",
                  "--epochs",
                  "5",
                  "--vector-cache",
                  Path.of("target", "quickstart-test-vectors.bin").toString());
      assertEquals(0, exit, buffer.toString(StandardCharsets.UTF_8));
      workDir = dir;
    }
    return workDir;
  }
}
