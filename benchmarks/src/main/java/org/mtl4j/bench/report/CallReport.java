package org.mtl4j.bench.report;

import org.HdrHistogram.Histogram;
import org.mtl4j.bench.stats.LatencySummary;

/**
 * What one measured operation did: its latency histogram and summary, throughput and CPU time.
 *
 * @param name the operation
 * @param histogram latencies in nanoseconds
 * @param summary percentiles, mean and standard deviation
 * @param throughput inputs per second
 * @param cpu the calling thread's CPU time per call, or null when not measured per call
 */
public record CallReport(
    String name,
    Histogram histogram,
    LatencySummary summary,
    double throughput,
    LatencySummary cpu) {

  /**
   * @param name the operation
   * @param histogram latencies in nanoseconds
   * @param throughput inputs per second
   * @param cpu CPU time per call, or null
   * @return the report
   */
  public static CallReport of(
      String name, Histogram histogram, double throughput, LatencySummary cpu) {
    return new CallReport(name, histogram, LatencySummary.of(histogram), throughput, cpu);
  }
}
