package org.mtl4j.metrics.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.metrics.Metrics;
import org.mtl4j.metrics.Scale;

/**
 * The task-metric half of the fp16 and int8 tiers: every task metric of the candidate must lie
 * within the tier's points of the reference (0.2 points for fp16, 1 point for int8, where 100
 * points is a metric's full scale, so 1 point is 0.01 of a fraction and 1.0 of a percentage). A
 * metric that got <em>better</em> by more than the tolerance fails too: the gate is about computing
 * the same thing.
 */
public final class TaskMetricGate {

  /**
   * One metric of one task, compared.
   *
   * @param task the task's name
   * @param metric the metric's name
   * @param reference the reference model's value, on the metric's scale
   * @param candidate the candidate model's value, on the metric's scale
   * @param deltaPoints {@code |candidate - reference|} in points
   * @param allowedPoints the tier's tolerance in points
   */
  public record Check(
      String task,
      String metric,
      double reference,
      double candidate,
      double deltaPoints,
      double allowedPoints) {

    /**
     * @return whether the metric is within tolerance
     */
    public boolean passed() {
      return deltaPoints <= allowedPoints;
    }

    /**
     * @return a one-line description
     */
    public String describe() {
      return String.format(
          Locale.ROOT,
          "task '%s' metric %s: reference %.6g, candidate %.6g, %.4f points (allowed %.2f)%s",
          task,
          metric,
          reference,
          candidate,
          deltaPoints,
          allowedPoints,
          passed() ? "" : " FAIL");
    }
  }

  private TaskMetricGate() {}

  /**
   * Compares one task's metric values.
   *
   * @param task the task's name
   * @param reference metric name to value for the reference model
   * @param candidate metric name to value for the candidate model; must hold every reference metric
   * @param tier a tier that {@linkplain Tier#requiresTaskMetrics() requires task metrics}
   * @return one check per reference metric
   * @throws IllegalArgumentException for a tier without a metric gate, an unknown metric name, or a
   *     metric missing from the candidate
   */
  public static List<Check> check(
      String task, Map<String, Double> reference, Map<String, Double> candidate, Tier tier) {
    if (!tier.requiresTaskMetrics()) {
      throw new IllegalArgumentException("the " + tier.cliName() + " tier has no task-metric gate");
    }
    List<Check> checks = new ArrayList<>();
    for (Map.Entry<String, Double> e : reference.entrySet()) {
      Scale scale = Metrics.lookup(e.getKey()).scale();
      Double cand = candidate.get(e.getKey());
      if (cand == null) {
        throw new IllegalArgumentException(
            "task '" + task + "': metric " + e.getKey() + " has no candidate value");
      }
      double delta = scale.toPoints(Math.abs(cand - e.getValue()));
      checks.add(new Check(task, e.getKey(), e.getValue(), cand, delta, tier.taskMetricPoints()));
    }
    return checks;
  }
}
