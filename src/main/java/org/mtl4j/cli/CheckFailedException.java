package org.mtl4j.cli;

/** A check or job that ran and failed (a parity gate, a validation); the CLI exits with code 1. */
public final class CheckFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, with the report a user needs
   */
  public CheckFailedException(String message) {
    super(message);
  }
}
