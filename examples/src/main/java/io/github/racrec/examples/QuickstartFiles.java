package io.github.racrec.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** The quickstart's model and catalog in {@code racrec-work/}, which other commands serve. */
final class QuickstartFiles {
  static final Path MODEL = Path.of("racrec-work", "model");
  static final Path CATALOG = Path.of("racrec-work", "catalog.rcat");

  private QuickstartFiles() {}

  /**
   * Runs the quickstart if its model or catalog is missing.
   *
   * @param out where to say so
   * @return the quickstart's exit code, or 0 if the files were there
   */
  static int ensure(PrintStream out) {
    if (Files.isDirectory(MODEL) && Files.isRegularFile(CATALOG)) {
      return 0;
    }
    out.println("No model yet: running the quickstart first to train the demo model.");
    return new CommandLine(new PipelineCommand()).execute();
  }
}
