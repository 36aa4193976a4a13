package org.mtl4j.export;

/**
 * The parity gate cannot judge an optimized graph with what it was given (too few dev rows for a
 * task-metric tier); the message says what is missing. A usage error, not a failed check.
 */
public final class GateUndecidedException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what the gate needs and did not get
   */
  public GateUndecidedException(String message) {
    super(message);
  }
}
