package org.mtl4j.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * The CLI's exit codes: 0 ok, 1 the check or job failed, 2 bad usage or input. Exceptions that
 * signal bad input ({@link UsageException}, picocli's errors in the command line, {@link
 * IllegalArgumentException} and the modules' format exceptions, which extend it, and a missing
 * file) map to 2; everything else to 1.
 */
final class ExitCodes {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  private ExitCodes() {}

  static int forException(Throwable ex) {
    if (ex instanceof CheckFailedException) {
      return FAILED;
    }
    if (ex instanceof UsageException
        || ex instanceof CommandLine.ParameterException
        || ex instanceof IllegalArgumentException
        || ex instanceof CommandLine.ParameterException
        || missingFile(ex) != null) {
      return BAD_INPUT;
    }
    return FAILED;
  }

  static String message(Throwable ex) {
    NoSuchFileException missing = missingFile(ex);
    if (missing != null) {
      return "no such file: " + missing.getFile();
    }
    String message = ex.getMessage();
    return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
  }

  private static NoSuchFileException missingFile(Throwable ex) {
    if (ex instanceof NoSuchFileException n) {
      return n;
    }
    if (ex instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException n) {
      return n;
    }
    return null;
  }
}
