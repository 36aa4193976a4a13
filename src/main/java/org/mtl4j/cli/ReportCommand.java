package org.mtl4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mtl4j.train.report.ReportPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtl report}: rebuilds the training report of a package that {@code mtl train} wrote. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuilds PKG/training/report.html (loss per task, learning rate, dev metrics per epoch,"
          + " confusion matrices and per-entity-type scores, with PNG charts in"
          + " PKG/training/report/) from the files mtl train leaves in PKG/training/."
    })
public final class ReportCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "PKG",
      description = "a package folder written by mtl train")
  Path pkg;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path html;
    try {
      html = ReportPage.build(pkg);
    } catch (IllegalArgumentException e) {
      throw new UsageException("cannot build the report of " + pkg + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + html);
    out.flush();
    return ExitCodes.OK;
  }
}
