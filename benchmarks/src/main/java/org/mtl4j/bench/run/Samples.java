package org.mtl4j.bench.run;

import java.util.Arrays;

/**
 * The timed calls of one measured operation: wall-clock latency and the calling thread's CPU time
 * of each call, in nanoseconds, in call order.
 *
 * @param name the operation's name
 * @param wall latency of each call
 * @param cpu the calling thread's CPU time in each call (all of ONNX Runtime's work with one
 *     intra-op thread; only the caller's share with more)
 * @param inputs the number of inputs all calls processed
 */
public record Samples(String name, long[] wall, long[] cpu, long inputs) {

  /**
   * @return the number of calls
   */
  public int calls() {
    return wall.length;
  }

  /**
   * @return inputs per second of wall time spent in the calls
   */
  public double throughput() {
    return inputs / (Arrays.stream(wall).sum() / 1e9);
  }

  /**
   * @param metric which time
   * @return the samples of that time
   */
  public long[] of(Metric metric) {
    return metric == Metric.CPU ? cpu : wall;
  }
}
