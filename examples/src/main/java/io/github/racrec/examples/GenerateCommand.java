package io.github.racrec.examples;

import io.github.racrec.training.demo.DemoConfig;
import io.github.racrec.training.demo.DemoGenerator;
import io.github.racrec.training.demo.DemoGenerator.DemoData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a demo or full-scale synthetic data set in the Amazon 2023 format. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generate demo-v1, synthetic-v1 (full scale) or a configured data set.")
final class GenerateCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      description =
          "demo-v1 (default), synthetic-v1 (70,500 music items, over 1 million movie reviews),"
              + " or a configuration file.")
  String config = "demo-v1";

  @Option(names = "--control", description = "The same data without the cross-domain link.")
  boolean control;

  @Option(names = "--out", required = true, description = "The output folder.")
  Path out;

  @Override
  public Integer call() {
    DemoConfig chosen =
        switch (config) {
          case "demo-v1" -> DemoConfig.defaults();
          case "synthetic-v1" -> DemoConfig.syntheticFullScale();
          default -> {
            if (!Files.isRegularFile(Path.of(config))) {
              System.err.println("No such configuration: " + config);
              yield null;
            }
            yield DemoConfig.read(Path.of(config));
          }
        };
    if (chosen == null) {
      return 2;
    }
    if (control) {
      chosen = chosen.control();
    }
    long start = System.nanoTime();
    DemoData data = DemoGenerator.generate(chosen, out);
    System.out.printf(
        Locale.ROOT,
        "Generated %s in %.1f s: %,d movie reviews, %,d music reviews -> %s%n",
        chosen.name(),
        (System.nanoTime() - start) / 1e9,
        data.movieReviews(),
        data.musicReviews(),
        out);
    return 0;
  }
}
