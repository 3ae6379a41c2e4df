package io.github.racrec.examples;

import io.github.racrec.api.RacrecException;
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
      TrainCommand.class,
      CatalogCommand.class,
      RecommendCommand.class,
      DataCommand.class,
      EvalCommand.class,
      CudaCheckCommand.class,
      GenerateCommand.class,
      LoadTestCommand.class,
      ServeCommand.class,
      SeedScaleCommand.class,
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
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(RacrecCli::reportError);
    return cli;
  }

  /**
   * One error style for every command: {@code racrec: CODE: message} on standard error. Exit codes:
   * 0 done, 1 a {@link RacrecException} (bad input, model or catalog), 2 a usage error (picocli's),
   * 3 anything else (with its stack trace).
   */
  static int reportError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof RacrecException r) {
      cli.getErr().println("racrec: " + r.getMessage());
      return 1;
    }
    cli.getErr().println("racrec: unexpected failure: " + e);
    e.printStackTrace(cli.getErr());
    return 3;
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
