package org.mtl4j.bench.stats;

import java.util.Locale;

/**
 * The regression gate's verdict on a latency ratio (new over old, above 1 slower). A regression is
 * declared when the estimated slow-down exceeds the allowance and the 95 % interval lies wholly
 * above 1, i.e. the new model is slower beyond the allowance and the slow-down is not noise. A
 * ratio within the allowance passes however sure the slow-down is.
 *
 * @param estimate the ratio and its interval
 * @param maxRegression the allowed slow-down, e.g. 0.05 for 5 %
 * @param regression whether the gate fails
 */
public record GateDecision(RatioEstimate estimate, double maxRegression, boolean regression) {

  /**
   * @param estimate the ratio new / old and its interval
   * @param maxRegression the allowed slow-down as a fraction, at least 0
   * @return the verdict
   */
  public static GateDecision decide(RatioEstimate estimate, double maxRegression) {
    if (!(maxRegression >= 0)) {
      throw new IllegalArgumentException(
          "the allowed regression must be at least 0, got " + maxRegression);
    }
    boolean regression = estimate.ratio() > 1 + maxRegression && estimate.low() > 1;
    return new GateDecision(estimate, maxRegression, regression);
  }

  /**
   * @return one line for people, e.g. {@code REGRESSION: 1.120 [1.101, 1.139] exceeds 1.050}
   */
  public String describe() {
    String limit = String.format(Locale.ROOT, "%.3f", 1 + maxRegression);
    if (regression) {
      return "REGRESSION: ratio "
          + estimate.format()
          + " exceeds the allowed "
          + limit
          + " and its interval excludes 1";
    }
    if (estimate.ratio() > 1 + maxRegression) {
      return "pass: ratio "
          + estimate.format()
          + " is above "
          + limit
          + " but its interval includes 1 (not a significant slow-down)";
    }
    return "pass: ratio " + estimate.format() + " within the allowed " + limit;
  }
}
