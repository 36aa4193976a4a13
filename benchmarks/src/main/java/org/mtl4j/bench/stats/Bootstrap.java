package org.mtl4j.bench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile-bootstrap confidence intervals of paired latency ratios. Samples taken call by call in
 * alternation are paired: sample {@code i} of A and sample {@code i} of B ran one after the other,
 * on the same input, under the same load. The ratio of A to B is the median of the per-pair ratios
 * {@code a[i] / b[i]}: a load spike or a long input that slows both calls of a pair cancels in its
 * ratio, so the estimate is sharper than the ratio of the two medians (which it equals when A is B
 * scaled by a constant). A resample draws pairs, never A and B apart.
 */
public final class Bootstrap {

  /** Resamples used when the caller has no reason to choose. */
  public static final int DEFAULT_RESAMPLES = 2000;

  /** The coverage of the intervals. */
  public static final double CONFIDENCE = 0.95;

  private final int resamples;
  private final long seed;

  /**
   * @param resamples bootstrap resamples, at least 100
   * @param seed the resampling seed (fixed seeds make reports reproducible)
   */
  public Bootstrap(int resamples, long seed) {
    if (resamples < 100) {
      throw new IllegalArgumentException("at least 100 bootstrap resamples, got " + resamples);
    }
    this.resamples = resamples;
    this.seed = seed;
  }

  /**
   * The ratio of paired samples: the median of {@code a[i] / b[i]}.
   *
   * @param a the numerator's samples
   * @param b the denominator's samples, paired with {@code a}
   * @return the ratio and its 95 % interval
   */
  public RatioEstimate pairedRatio(long[] a, long[] b) {
    double[] logs = logRatios(a, b);
    SplittableRandom random = new SplittableRandom(seed);
    double[] draws = new double[resamples];
    double[] scratch = new double[logs.length];
    for (int r = 0; r < resamples; r++) {
      draws[r] = Math.exp(resampledMedian(logs, scratch, random));
    }
    return estimate(Math.exp(median(logs.clone())), draws);
  }

  /**
   * The change of a paired ratio between two independent runs: {@code pairedRatio(a, b) /
   * pairedRatio(baseA, baseB)}. Each run is resampled by its own pairs.
   *
   * @param a the model's samples now
   * @param b the reference workload's samples now, paired with {@code a}
   * @param baseA the model's samples in the earlier run
   * @param baseB the reference workload's samples in the earlier run, paired with {@code baseA}
   * @return the change and its 95 % interval
   */
  public RatioEstimate ratioChange(long[] a, long[] b, long[] baseA, long[] baseB) {
    double[] now = logRatios(a, b);
    double[] then = logRatios(baseA, baseB);
    SplittableRandom random = new SplittableRandom(seed);
    double[] draws = new double[resamples];
    double[] nowScratch = new double[now.length];
    double[] thenScratch = new double[then.length];
    for (int r = 0; r < resamples; r++) {
      draws[r] =
          Math.exp(
              resampledMedian(now, nowScratch, random)
                  - resampledMedian(then, thenScratch, random));
    }
    return estimate(Math.exp(median(now.clone()) - median(then.clone())), draws);
  }

  private static double[] logRatios(long[] a, long[] b) {
    requirePaired(a, b);
    double[] logs = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      logs[i] = Math.log((double) a[i] / b[i]);
    }
    return logs;
  }

  private static double resampledMedian(
      double[] values, double[] scratch, SplittableRandom random) {
    int n = values.length;
    for (int i = 0; i < n; i++) {
      scratch[i] = values[random.nextInt(n)];
    }
    return median(scratch);
  }

  /** The median of values, sorting them in place. */
  private static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  private RatioEstimate estimate(double point, double[] draws) {
    Arrays.sort(draws);
    double tail = (1 - CONFIDENCE) / 2;
    return new RatioEstimate(
        point, quantile(draws, tail), quantile(draws, 1 - tail), CONFIDENCE, resamples);
  }

  /** The q-quantile of sorted values, interpolating between neighbours. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    double weight = position - below;
    return sorted[below] * (1 - weight) + sorted[above] * weight;
  }

  private static void requirePaired(long[] a, long[] b) {
    if (a.length == 0 || a.length != b.length) {
      throw new IllegalArgumentException(
          "paired samples need equal, non-zero counts; got " + a.length + " and " + b.length);
    }
  }
}
