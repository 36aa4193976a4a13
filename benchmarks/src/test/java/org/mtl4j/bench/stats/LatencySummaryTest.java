package org.mtl4j.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  /** Nearest-rank percentile of sorted values: the independent reference. */
  private static long nearestRank(long[] sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  @Test
  void percentilesOfUniformSamplesMatchTheExactValuesWithinThePrecision() {
    long[] samples = new long[10_000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (i + 1) * 1000L;
    }
    shuffle(samples, 3);
    LatencySummary s = LatencySummary.of(samples);
    assertThat(s.count()).isEqualTo(10_000);
    assertThat((double) s.p50()).isCloseTo(5_000_000, within(5_000.0));
    assertThat((double) s.p90()).isCloseTo(9_000_000, within(9_000.0));
    assertThat((double) s.p99()).isCloseTo(9_900_000, within(9_900.0));
    assertThat((double) s.p999()).isCloseTo(9_990_000, within(9_990.0));
    assertThat((double) s.max()).isCloseTo(10_000_000, within(10_000.0));
    assertThat(s.mean()).isCloseTo(5_000_500, within(5_000.0));
    // standard deviation of 1..n (times 1000): sqrt((n^2 - 1) / 12)
    assertThat(s.stdDev()).isCloseTo(1000 * Math.sqrt((1e8 - 1) / 12), within(3_000.0));
  }

  @Test
  void percentilesOfSkewedSamplesMatchNearestRank() {
    SplittableRandom random = new SplittableRandom(11);
    long[] samples = new long[5_001];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = 1_000_000 + (long) (-Math.log(1 - random.nextDouble()) * 2_000_000);
    }
    LatencySummary s = LatencySummary.of(samples);
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    for (double p : new double[] {50, 90, 99, 99.9}) {
      long exact = nearestRank(sorted, p);
      long got = p == 50 ? s.p50() : p == 90 ? s.p90() : p == 99 ? s.p99() : s.p999();
      assertThat((double) got).as("p%s", p).isCloseTo(exact, within(exact * 0.001));
    }
    assertThat(Medians.of(samples)).isEqualTo(sorted[2500]);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Medians.of(new long[] {40, 10, 30, 20})).isEqualTo(25.0);
    assertThat(Medians.of(new long[] {7})).isEqualTo(7.0);
  }

  @Test
  void emptyOrNonPositiveSamplesAreRefused() {
    assertThatThrownBy(() -> LatencySummary.of(new long[0]))
        .hasMessageContaining("no latency samples");
    assertThatThrownBy(() -> LatencySummary.of(new long[] {5, 0})).hasMessageContaining("positive");
    assertThatThrownBy(() -> Medians.of(new long[0])).hasMessageContaining("no samples");
  }

  static void shuffle(long[] values, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
