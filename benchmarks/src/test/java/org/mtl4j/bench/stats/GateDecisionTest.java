package org.mtl4j.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GateDecisionTest {

  private static RatioEstimate estimate(double ratio, double low, double high) {
    return new RatioEstimate(ratio, low, high, 0.95, 2000);
  }

  @Test
  void aSignificantSlowDownBeyondTheAllowanceIsARegression() {
    GateDecision d = GateDecision.decide(estimate(1.10, 1.06, 1.14), 0.05);
    assertThat(d.regression()).isTrue();
    assertThat(d.describe())
        .startsWith("REGRESSION")
        .contains("1.100 [1.060, 1.140]")
        .contains("1.050");
  }

  @Test
  void aSlowDownWithinTheAllowancePassesHoweverSure() {
    assertThat(GateDecision.decide(estimate(1.04, 1.03, 1.05), 0.05).regression()).isFalse();
  }

  @Test
  void aSlowDownWhoseIntervalIncludesOnePasses() {
    GateDecision d = GateDecision.decide(estimate(1.08, 0.98, 1.20), 0.05);
    assertThat(d.regression()).isFalse();
    assertThat(d.describe()).contains("not a significant slow-down");
  }

  @Test
  void aNegativeAllowanceIsRefused() {
    assertThatThrownBy(() -> GateDecision.decide(estimate(1, 1, 1), -0.01))
        .hasMessageContaining("at least 0");
  }

  /** Paired samples sharing a per-call load factor, as alternated calls on a noisy machine do. */
  private static long[][] paired(SplittableRandom random, int n, double slowdown) {
    long[][] ab = new long[2][n];
    for (int i = 0; i < n; i++) {
      double load = Math.exp(0.3 * BootstrapTest.gaussian(random));
      ab[0][i] =
          Math.round(5e6 * slowdown * load * Math.exp(0.05 * BootstrapTest.gaussian(random)));
      ab[1][i] = Math.round(5e6 * load * Math.exp(0.05 * BootstrapTest.gaussian(random)));
    }
    return ab;
  }

  @Test
  void onSimulatedNoisyPairsTheGateCatchesTenPercentAndLeavesNoChangeAlone() {
    SplittableRandom random = new SplittableRandom(77);
    int alarmsUnchanged = 0;
    int caught10 = 0;
    int caught25 = 0;
    for (int run = 0; run < 20; run++) {
      Bootstrap bootstrap = new Bootstrap(300, run);
      long[][] same = paired(random, 250, 1.0);
      long[][] plus10 = paired(random, 250, 1.10);
      long[][] plus25 = paired(random, 250, 1.25);
      alarmsUnchanged +=
          GateDecision.decide(bootstrap.pairedRatio(same[0], same[1]), 0.05).regression() ? 1 : 0;
      caught10 +=
          GateDecision.decide(bootstrap.pairedRatio(plus10[0], plus10[1]), 0.05).regression()
              ? 1
              : 0;
      caught25 +=
          GateDecision.decide(bootstrap.pairedRatio(plus25[0], plus25[1]), 0.05).regression()
              ? 1
              : 0;
    }
    assertThat(alarmsUnchanged).isZero();
    assertThat(caught10).isGreaterThanOrEqualTo(19);
    assertThat(caught25).isEqualTo(20);
  }
}
