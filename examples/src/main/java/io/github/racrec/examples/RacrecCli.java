package io.github.racrec.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code racrec} command line: {@code java -jar examples/target/racrec-examples.jar <command>}.
 */
@Command(
    name = "racrec",
    mixinStandardHelpOptions = true,
    version = "racrec 0.1.0-SNAPSHOT",
    description = "Cross-domain recommendations from review text.",
    subcommands = {
      QuickstartCommand.class,
      DataCommand.class,
      EvalCommand.class,
      GenerateCommand.class,
      SimilarityCommand.class
    })
public final class RacrecCli implements Runnable {

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new RacrecCli()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
