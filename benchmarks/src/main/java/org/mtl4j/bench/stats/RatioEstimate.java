package org.mtl4j.bench.stats;

/**
 * A paired latency ratio (the median of per-pair ratios) with its bootstrap confidence interval.
 *
 * @param ratio the point estimate (above 1: the numerator is slower)
 * @param low the lower bound of the interval
 * @param high the upper bound of the interval
 * @param confidence the interval's coverage, e.g. 0.95
 * @param resamples the bootstrap resamples behind the interval
 */
public record RatioEstimate(
    double ratio, double low, double high, double confidence, int resamples) {

  /**
   * @return e.g. {@code 1.083 [1.071, 1.095]}
   */
  public String format() {
    return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", ratio, low, high);
  }
}
