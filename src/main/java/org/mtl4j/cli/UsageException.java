package org.mtl4j.cli;

/** Bad usage or bad input detected by a command; the CLI exits with code 2 and the message. */
public final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong and where
   */
  public UsageException(String message) {
    super(message);
  }

  /**
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
