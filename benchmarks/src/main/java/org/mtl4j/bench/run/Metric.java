package org.mtl4j.bench.run;

/** Which time of a call a comparison or gate is judged on. */
public enum Metric {
  /** Wall-clock latency: what a caller waits, including time spent waiting for a core. */
  WALL,
  /**
   * The calling thread's CPU time: with one intra-op thread, the call's own work, unaffected by
   * other processes queueing for the cores; the robust choice on shared machines.
   */
  CPU;

  /**
   * @param threads intra-op threads of the run
   * @return CPU with one thread (ONNX Runtime then computes on the caller), WALL otherwise
   */
  public static Metric defaultFor(int threads) {
    return threads == 1 ? CPU : WALL;
  }

  /**
   * @param text {@code wall} or {@code cpu}, any case
   * @return the metric
   * @throws BenchInputException for anything else
   */
  public static Metric parse(String text) {
    for (Metric m : values()) {
      if (m.name().equalsIgnoreCase(text.strip())) {
        return m;
      }
    }
    throw new BenchInputException("--metric: '" + text + "' is neither wall nor cpu");
  }
}
