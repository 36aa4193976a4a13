package org.mtl4j.bench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile-bootstrap confidence intervals of ratios of medians. Samples taken call by call in
 * alternation are paired: sample {@code i} of A and sample {@code i} of B ran one after the other
 * under the same load, so a resample draws pairs (the same indices for both), keeping the
 * correlation that makes a paired comparison sharper than two separate runs.
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
   * The ratio median(a) / median(b) of paired samples.
   *
   * @param a the numerator's samples
   * @param b the denominator's samples, paired with {@code a}
   * @return the ratio and its 95 % interval
   */
  public RatioEstimate medianRatio(long[] a, long[] b) {
    requirePaired(a, b);
    SplittableRandom random = new SplittableRandom(seed);
    double[] draws = new double[resamples];
    long[] ra = new long[a.length];
    long[] rb = new long[b.length];
    for (int r = 0; r < resamples; r++) {
      draws[r] = resampledRatio(a, b, ra, rb, random);
    }
    return estimate(Medians.of(a) / Medians.of(b), draws);
  }

  /**
   * The change of a paired ratio between two independent runs: {@code (median(a) / median(b)) /
   * (median(baseA) / median(baseB))}. Each run is resampled by its own pairs.
   *
   * @param a the model's samples now
   * @param b the reference workload's samples now, paired with {@code a}
   * @param baseA the model's samples in the earlier run
   * @param baseB the reference workload's samples in the earlier run, paired with {@code baseA}
   * @return the change and its 95 % interval
   */
  public RatioEstimate ratioChange(long[] a, long[] b, long[] baseA, long[] baseB) {
    requirePaired(a, b);
    requirePaired(baseA, baseB);
    SplittableRandom random = new SplittableRandom(seed);
    double[] draws = new double[resamples];
    long[] ra = new long[a.length];
    long[] rb = new long[b.length];
    long[] rc = new long[baseA.length];
    long[] rd = new long[baseB.length];
    for (int r = 0; r < resamples; r++) {
      draws[r] =
          resampledRatio(a, b, ra, rb, random) / resampledRatio(baseA, baseB, rc, rd, random);
    }
    double point = (Medians.of(a) / Medians.of(b)) / (Medians.of(baseA) / Medians.of(baseB));
    return estimate(point, draws);
  }

  private static double resampledRatio(
      long[] a, long[] b, long[] ra, long[] rb, SplittableRandom random) {
    int n = a.length;
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(n);
      ra[i] = a[k];
      rb[i] = b[k];
    }
    Arrays.sort(ra);
    Arrays.sort(rb);
    return Medians.ofSorted(ra) / Medians.ofSorted(rb);
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
