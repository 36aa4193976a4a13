package org.mtl4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root {@code mtl} command; every tool of the project is one of its subcommands ({@code bench}
 * is added by {@link Main#commandLine()}, as it takes the task-file reader in its constructor).
 */
@Command(
    name = "mtl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "mtl4j: train, export and serve multi-task transformer models on the JVM.",
    commandListHeading = "%nCommands:%n",
    subcommands = {
      CommandLine.HelpCommand.class,
      ForwardCommand.class,
      ScoreCommand.class,
      InspectCommand.class,
      CopyCommand.class,
      TransformCommand.class,
      PredictCommand.class,
      ServeCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      QuickstartCommand.class,
      ExportCommand.class,
      OptimizeCommand.class,
      ValidateCommand.class,
      ConvertCommand.class,
      ReportCommand.class,
    })
public final class MtlCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
