package org.mtl4j.bench.stats;

import java.util.Arrays;

/** Exact medians of samples (the mean of the two middle values when the count is even). */
public final class Medians {

  private Medians() {}

  /**
   * @param values the samples; not changed
   * @return their median
   * @throws IllegalArgumentException when there are none
   */
  public static double of(long[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the median of no samples is undefined");
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted);
  }

  /**
   * @param sorted samples in ascending order
   * @return their median
   */
  static double ofSorted(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
  }
}
