package org.mtl4j.export;

/** A graph that failed the parity gate; carries the gate's report. */
public final class ParityGateException extends ExportException {

  private static final long serialVersionUID = 1L;

  private final transient GateReport report;

  /**
   * @param report the failed gate's report
   */
  public ParityGateException(GateReport report) {
    super("the exported graph failed the parity gate:\n" + report.toText());
    this.report = report;
  }

  /**
   * @return the gate's report
   */
  public GateReport report() {
    return report;
  }
}
