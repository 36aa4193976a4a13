package org.mtl4j.metrics.parity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parity tiers of design.md: how close a candidate model's outputs must be to the reference
 * (training) outputs for each kind of artifact.
 *
 * <p>Elements are compared as {@code numpy.allclose} and {@code torch.testing.assert_close} do: an
 * element passes when {@code |candidate - reference| <= atol + rtol * |reference|}. The relative
 * term is what lets a logit of 12.5 differ in its last float32 bits, as it does when libtorch and
 * ONNX Runtime sum in different orders; an absolute bound alone cannot hold above about 10.
 *
 * <table>
 *   <caption>tiers</caption>
 *   <tr><th>tier</th><th>checked on tensors here</th><th>needs task metrics ({@link TaskMetricGate})</th></tr>
 *   <tr><td>portable</td><td>every element within 1e-5 + 1.3e-6·|reference| (PyTorch's float32
 *       {@code assert_close} defaults); identical argmax except reference ties</td><td>no</td></tr>
 *   <tr><td>fused</td><td>every element within 1e-4 + 1e-4·|reference|; identical argmax except
 *       reference ties</td><td>no</td></tr>
 *   <tr><td>fp16</td><td>argmax agreement ≥ 99.5%</td><td>every task metric within 0.2 points</td></tr>
 *   <tr><td>int8</td><td>names, shapes and finite values only</td><td>every task metric within 1 point of fp32 on the dev set</td></tr>
 * </table>
 *
 * <p>A reference tie is a row whose two largest reference values are so close that a candidate
 * within the tier's element tolerance could swap them ({@link #isTie}): such a row is counted as a
 * tie, not as a disagreement, and a gate computing task metrics gives it the reference's label on
 * both sides. Only the portable and fused tiers have ties; fp16 and int8 keep their own rules.
 *
 * <p>Every tier also fails on a missing or extra output, a shape mismatch, or a non-finite
 * difference (NaN against a number, an infinity against a finite value).
 */
public enum Tier {
  /** Portable fp32 graph against the training outputs. */
  PORTABLE(1e-5, 1.3e-6, 1.0, Double.NaN),
  /** ORT-fused fp32 graph. */
  FUSED(1e-4, 1e-4, 1.0, Double.NaN),
  /** fp16 graph: argmax here, task metrics within 0.2 points elsewhere. */
  FP16(Double.POSITIVE_INFINITY, 0, 0.995, 0.2),
  /** int8 graph: judged by task metrics within 1 point; tensors are only checked for structure. */
  INT8(Double.POSITIVE_INFINITY, 0, 0.0, 1.0);

  private final double atol;
  private final double rtol;
  private final double minArgmaxAgreement;
  private final double taskMetricPoints;

  Tier(double atol, double rtol, double minArgmaxAgreement, double taskMetricPoints) {
    this.atol = atol;
    this.rtol = rtol;
    this.minArgmaxAgreement = minArgmaxAgreement;
    this.taskMetricPoints = taskMetricPoints;
  }

  /**
   * @return the absolute term of the element tolerance; infinite when elements are not checked
   */
  public double atol() {
    return atol;
  }

  /**
   * @return the relative term of the element tolerance, a multiple of {@code |reference|}
   */
  public double rtol() {
    return rtol;
  }

  /**
   * @return whether the tier checks elements against a tolerance at all
   */
  public boolean checksElements() {
    return !Double.isInfinite(atol);
  }

  /**
   * @param reference a reference value
   * @return how far a candidate may lie from it: {@code atol + rtol * |reference|}
   */
  public double tolerance(double reference) {
    return atol + rtol * Math.abs(reference);
  }

  /**
   * @return the smallest allowed fraction of rows whose argmax agrees; 1 means identical
   */
  public double minArgmaxAgreement() {
    return minArgmaxAgreement;
  }

  /**
   * @return whether rows whose top two reference values lie within tolerance count as ties
   */
  public boolean hasTies() {
    return checksElements() && minArgmaxAgreement >= 1.0;
  }

  /**
   * Whether a reference row is a tie: its two largest values differ by no more than the sum of
   * their tolerances, so that a candidate with every element within tolerance could swap them.
   * Always false for a tier without ties and for a row of fewer than two values.
   *
   * @param data the reference values
   * @param offset where the row starts
   * @param length the row's length (the classes)
   * @return whether the row is a tie under this tier
   */
  public boolean isTie(float[] data, int offset, int length) {
    if (!hasTies() || length < 2) {
      return false;
    }
    float first = Float.NEGATIVE_INFINITY;
    float second = Float.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + length; i++) {
      float v = data[i];
      if (v > first) {
        second = first;
        first = v;
      } else if (v > second) {
        second = v;
      }
    }
    if (Float.isInfinite(first) || Float.isInfinite(second)) {
      return first == second;
    }
    return (double) first - second <= tolerance(first) + tolerance(second);
  }

  /**
   * @return whether the tier's gate also needs task metrics ({@link TaskMetricGate})
   */
  public boolean requiresTaskMetrics() {
    return !Double.isNaN(taskMetricPoints);
  }

  /**
   * @return how far (in points, 100 = full scale) a task metric may move; NaN when the tier needs
   *     no task metrics
   */
  public double taskMetricPoints() {
    return taskMetricPoints;
  }

  /**
   * @return the tier's name as the CLI spells it ({@code portable}, {@code fp16}, ...)
   */
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
    throw new IllegalArgumentException(
        "unknown parity tier '"
            + name
            + "'; known tiers: "
            + Arrays.stream(values()).map(Tier::cliName).collect(Collectors.joining(", ")));
  }
}
