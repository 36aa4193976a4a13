package org.mtl4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * One in-process run of the {@code mtl} command line, with what it printed.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int exitCode, String out, String err) {

  /**
   * Runs {@code mtl ARGS} in this JVM.
   *
   * @param args the command line
   * @return the exit code and what it printed
   */
  public static CliRun of(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Copies the real all-MiniLM-L6-v2 model from the test classpath into a folder. */
  static Path miniLm(Path dir) {
    try (InputStream in =
        CliRun.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
      if (in == null) {
        throw new IllegalStateException("all-minilm-l6-v2.onnx is not on the test classpath");
      }
      Path file = dir.resolve("all-minilm-l6-v2.onnx");
      Files.copy(in, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
