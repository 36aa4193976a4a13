package org.mtl4j.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  /** Latencies around {@code median} with multiplicative noise of about {@code spread}. */
  static long[] lognormal(SplittableRandom random, int n, double median, double spread) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.max(1, Math.round(median * Math.exp(spread * gaussian(random))));
    }
    return out;
  }

  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  @Test
  void exactlyProportionalPairsGiveThatRatioWithADegenerateInterval() {
    long[] b = lognormal(new SplittableRandom(1), 301, 5_000_000, 0.3);
    long[] a = new long[b.length];
    for (int i = 0; i < b.length; i++) {
      a[i] = b[i] * 5 / 4;
    }
    RatioEstimate r = new Bootstrap(500, 9).pairedRatio(a, b);
    assertThat(r.ratio()).isCloseTo(1.25, within(1e-6));
    assertThat(r.low()).isCloseTo(1.25, within(1e-6));
    assertThat(r.high()).isCloseTo(1.25, within(1e-6));
  }

  @Test
  void intervalsCoverTheTrueRatioAboutNinetyFivePercentOfTheTime() {
    SplittableRandom random = new SplittableRandom(2026);
    int trials = 100;
    int covered = 0;
    double widths = 0;
    for (int t = 0; t < trials; t++) {
      long[] a = lognormal(random, 301, 1.1e6, 0.2);
      long[] b = lognormal(random, 301, 1.0e6, 0.2);
      RatioEstimate r = new Bootstrap(400, t).pairedRatio(a, b);
      widths += r.high() - r.low();
      if (r.low() <= 1.1 && 1.1 <= r.high()) {
        covered++;
      }
    }
    assertThat(covered).isBetween(88, 100);
    // two independent medians of 301 lognormal(0.2) samples: ratio standard error about 1.9 %
    assertThat(widths / trials).isBetween(0.06, 0.10);
  }

  @Test
  void theSameSeedGivesTheSameInterval() {
    long[] a = lognormal(new SplittableRandom(5), 200, 2e6, 0.3);
    long[] b = lognormal(new SplittableRandom(6), 200, 2e6, 0.3);
    assertThat(new Bootstrap(300, 42).pairedRatio(a, b))
        .isEqualTo(new Bootstrap(300, 42).pairedRatio(a, b));
    assertThat(new Bootstrap(300, 42).pairedRatio(a, b))
        .isNotEqualTo(new Bootstrap(300, 43).pairedRatio(a, b));
  }

  @Test
  void ratioChangeComparesTwoRunsEachRelativeToItsReference() {
    SplittableRandom random = new SplittableRandom(8);
    // earlier run on a fast machine: model 2x the reference
    long[] baseRef = lognormal(random, 400, 1e6, 0.1);
    long[] baseModel = lognormal(random, 400, 2e6, 0.1);
    // now on a machine 1.5x slower, and the model itself 1.25x slower
    long[] ref = lognormal(random, 400, 1.5e6, 0.1);
    long[] model = lognormal(random, 400, 2e6 * 1.5 * 1.25, 0.1);
    RatioEstimate change = new Bootstrap(500, 1).ratioChange(model, ref, baseModel, baseRef);
    assertThat(change.ratio()).isCloseTo(1.25, within(0.03));
    assertThat(change.low()).isLessThan(change.ratio()).isGreaterThan(1.15);
    assertThat(change.high()).isGreaterThan(change.ratio()).isLessThan(1.35);
  }

  @Test
  void pairingCancelsLoadAndInputLengthThatTheRatioOfMediansKeeps() {
    SplittableRandom random = new SplittableRandom(31);
    double pairedSquares = 0;
    double mediansSquares = 0;
    int trials = 60;
    for (int t = 0; t < trials; t++) {
      int n = 301;
      long[] a = new long[n];
      long[] b = new long[n];
      for (int i = 0; i < n; i++) {
        // 16 inputs of different lengths in turn, a load factor shared by the round's two calls
        double cost = 1e6 * (1 + (i % 16) / 4.0) * Math.exp(0.3 * gaussian(random));
        a[i] = Math.round(1.1 * cost * Math.exp(0.03 * gaussian(random)));
        b[i] = Math.round(cost * Math.exp(0.03 * gaussian(random)));
      }
      double paired = Math.log(new Bootstrap(100, t).pairedRatio(a, b).ratio() / 1.1);
      double medians = Math.log(Medians.of(a) / Medians.of(b) / 1.1);
      pairedSquares += paired * paired;
      mediansSquares += medians * medians;
    }
    double pairedError = Math.sqrt(pairedSquares / trials);
    double mediansError = Math.sqrt(mediansSquares / trials);
    // per-pair noise 0.03·√2 over √301 pairs (times 1.25 for a median): about 0.3 %
    assertThat(pairedError).isLessThan(0.005);
    assertThat(mediansError).isGreaterThan(3 * pairedError);
  }

  @Test
  void unpairedOrEmptySamplesAreRefused() {
    assertThatThrownBy(() -> new Bootstrap(500, 1).pairedRatio(new long[3], new long[4]))
        .hasMessageContaining("3 and 4");
    assertThatThrownBy(() -> new Bootstrap(500, 1).pairedRatio(new long[0], new long[0]))
        .hasMessageContaining("non-zero");
    assertThatThrownBy(() -> new Bootstrap(10, 1)).hasMessageContaining("at least 100");
  }
}
