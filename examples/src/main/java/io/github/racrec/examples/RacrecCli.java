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
      DataCommand.class,
      EvalCommand.class,
      CudaCheckCommand.class,
      GenerateCommand.class,
      LoadTestCommand.class,
      ServeCommand.class,
      SimilarityCommand.class,
      TuneCommand.class
    })
public final class RacrecCli implements Runnable {

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with every subcommand; {@code quickstart} is {@code pipeline} on demo data.
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RacrecCli());
    cli.addSubcommand("quickstart", new PipelineCommand());
    cli.addSubcommand("pipeline", new PipelineCommand());
    return cli;
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
