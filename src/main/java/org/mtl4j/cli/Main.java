package org.mtl4j.cli;

import org.mtl4j.bench.cli.BenchCommand;
import org.mtl4j.train.trainer.PackageDevTexts;
import picocli.CommandLine;

/** Entry point of the {@code mtl} command line; the only place that calls {@link System#exit}. */
public final class Main {

  private Main() {}

  /**
   * Runs one {@code mtl} command and exits with its code: 0 ok, 1 the check or job failed, 2 bad
   * usage or input.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Builds the command line with every subcommand and the project's exit-code mapping; tests call
   * this to run commands in-process.
   *
   * @return a fresh command line
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new MtlCommand());
    cli.addSubcommand(new BenchCommand(new PackageDevTexts()));
    cli.setExitCodeExceptionMapper(ExitCodes::forException);
    cli.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          line.getErr().println("error: " + ExitCodes.message(ex));
          return ExitCodes.forException(ex);
        });
    return cli;
  }
}
