package org.mtl4j.bench.stats;

import org.HdrHistogram.Histogram;

/**
 * Percentiles, mean and standard deviation of latency samples in nanoseconds, recorded with an
 * HdrHistogram at three significant digits (percentiles are exact to 0.1 %).
 *
 * @param count the number of samples
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest sample
 * @param mean the mean
 * @param stdDev the standard deviation
 */
public record LatencySummary(
    long count, long p50, long p90, long p99, long p999, long max, double mean, double stdDev) {

  /** Significant decimal digits the histograms keep. */
  public static final int DIGITS = 3;

  /**
   * @param nanos latency samples, at least one, each positive
   * @return their summary
   * @throws IllegalArgumentException when there are no samples or one is not positive
   */
  public static LatencySummary of(long[] nanos) {
    return of(histogram(nanos));
  }

  /**
   * @param histogram a histogram of nanosecond samples, not empty
   * @return its summary
   */
  public static LatencySummary of(Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      throw new IllegalArgumentException("no latency samples to summarize");
    }
    return new LatencySummary(
        histogram.getTotalCount(),
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(90),
        histogram.getValueAtPercentile(99),
        histogram.getValueAtPercentile(99.9),
        histogram.getMaxValue(),
        histogram.getMean(),
        histogram.getStdDeviation());
  }

  /**
   * @param nanos latency samples, each positive
   * @return a histogram holding them
   */
  public static Histogram histogram(long[] nanos) {
    Histogram h = new Histogram(DIGITS);
    for (long v : nanos) {
      if (v <= 0) {
        throw new IllegalArgumentException("latency samples must be positive, got " + v + " ns");
      }
      h.recordValue(v);
    }
    return h;
  }
}
