package org.mtl4j.export;

/** An optimized graph failed its parity gate; nothing was written. */
public final class OptimizeGateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient OptimizedGate gate;

  /**
   * @param gate the failed verdict
   */
  public OptimizeGateException(OptimizedGate gate) {
    super(
        "the optimized graph failed the parity gate against "
            + gate.against()
            + ": "
            + String.join("; ", gate.failures()));
    this.gate = gate;
  }

  /**
   * @return the verdict
   */
  public OptimizedGate gate() {
    return gate;
  }
}
