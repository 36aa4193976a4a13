package org.mtl4j.metrics.parity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parity tiers of design.md: how close a candidate model's outputs must be to the reference
 * (training) outputs for each kind of artifact.
 *
 * <p>What the tensor comparison decides and what it leaves to task metrics:
 *
 * <table>
 *   <caption>tiers</caption>
 *   <tr><th>tier</th><th>checked on tensors here</th><th>needs task metrics ({@link TaskMetricGate})</th></tr>
 *   <tr><td>portable</td><td>max abs diff ≤ 1e-5 on every element; identical argmax</td><td>no</td></tr>
 *   <tr><td>fused</td><td>max abs diff ≤ 1e-4; identical argmax</td><td>no</td></tr>
 *   <tr><td>fp16</td><td>argmax agreement ≥ 99.5%</td><td>every task metric within 0.2 points</td></tr>
 *   <tr><td>int8</td><td>names, shapes and finite values only</td><td>every task metric within 1 point of fp32 on the dev set</td></tr>
 * </table>
 *
 * Every tier also fails on a missing or extra output, a shape mismatch, or a non-finite
 * difference (NaN against a number, an infinity against a finite value).
 */
public enum Tier {
  /** Portable fp32 graph against the training outputs. */
  PORTABLE(1e-5, 1.0, Double.NaN),
  /** ORT-fused fp32 graph. */
  FUSED(1e-4, 1.0, Double.NaN),
  /** fp16 graph: argmax here, task metrics within 0.2 points elsewhere. */
  FP16(Double.POSITIVE_INFINITY, 0.995, 0.2),
  /** int8 graph: judged by task metrics within 1 point; tensors are only checked for structure. */
  INT8(Double.POSITIVE_INFINITY, 0.0, 1.0);

  private final double maxAbsDiff;
  private final double minArgmaxAgreement;
  private final double taskMetricPoints;

  Tier(double maxAbsDiff, double minArgmaxAgreement, double taskMetricPoints) {
    this.maxAbsDiff = maxAbsDiff;
    this.minArgmaxAgreement = minArgmaxAgreement;
    this.taskMetricPoints = taskMetricPoints;
  }

  /** @return the largest allowed absolute difference of any element; infinite when not checked */
  public double maxAbsDiff() {
    return maxAbsDiff;
  }

  /** @return the smallest allowed fraction of rows whose argmax agrees; 1 means identical */
  public double minArgmaxAgreement() {
    return minArgmaxAgreement;
  }

  /** @return whether the tier's gate also needs task metrics ({@link TaskMetricGate}) */
  public boolean requiresTaskMetrics() {
    return !Double.isNaN(taskMetricPoints);
  }

  /**
   * @return how far (in points, 100 = full scale) a task metric may move; NaN when the tier
   *     needs no task metrics
   */
  public double taskMetricPoints() {
    return taskMetricPoints;
  }

  /** @return the tier's name as the CLI spells it ({@code portable}, {@code fp16}, ...) */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param name a tier name in any case ({@code portable}, {@code FUSED}, ...)
   * @return the tier
   * @throws IllegalArgumentException naming the unknown tier and listing the known ones
   */
  public static Tier parse(String name) {
    for (Tier t : values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown parity tier '" + name + "'; known tiers: "
        + Arrays.stream(values()).map(Tier::cliName).collect(Collectors.joining(", ")));
  }
}
