package org.mtl4j.bench.run;

/**
 * Bad input to a benchmark (a workload file, a baseline, an option): the message names what was
 * wrong and where. The command line exits with code 2.
 */
public final class BenchInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong and where
   */
  public BenchInputException(String message) {
    super(message);
  }

  /**
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public BenchInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
