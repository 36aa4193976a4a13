package org.mtl4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.metrics.Metrics;
import org.mtl4j.metrics.Scale;

/**
 * The figures of a task-metric gate as {@code mtl optimize --json} prints them: per task its rows
 * and argmax agreement, per metric the fp32 value, the candidate's and their difference in points;
 * and the passes the optimizer reports as applied.
 *
 * @param rows task to the dev rows scored
 * @param argmaxAgreement task to the share of equal predictions
 * @param fp32 task to metric to the fp32 graph's value
 * @param candidate task to metric to the optimized graph's value
 */
record GateFigures(
    Map<String, Integer> rows,
    Map<String, Double> argmaxAgreement,
    Map<String, Map<String, Double>> fp32,
    Map<String, Map<String, Double>> candidate) {

  /**
   * @param parity the gate's JSON: {@code parity} of the result of {@code mtl optimize --json}, or
   *     all it prints when the gate fails
   * @return the figures under its {@code tasks}
   */
  static GateFigures of(JsonNode parity) {
    GateFigures f =
        new GateFigures(
            new LinkedHashMap<>(),
            new LinkedHashMap<>(),
            new LinkedHashMap<>(),
            new LinkedHashMap<>());
    parity
        .get("tasks")
        .fields()
        .forEachRemaining(
            t -> {
              String task = t.getKey();
              f.rows.put(task, t.getValue().get("rows").asInt());
              f.argmaxAgreement.put(task, t.getValue().get("argmaxAgreement").asDouble());
              t.getValue()
                  .get("metrics")
                  .fields()
                  .forEachRemaining(
                      m -> {
                        put(f.fp32, task, m.getKey(), m.getValue().get("fp32"));
                        put(f.candidate, task, m.getKey(), m.getValue().get("candidate"));
                      });
            });
    return f;
  }

  /**
   * @return the largest {@code |candidate - fp32|} over every task's metrics, in points of the
   *     metric's scale (1 point: 0.01 of a fraction, 1.0 of a percentage), computed from the two
   *     figures rather than read from the gate
   */
  double largestDifferencePoints() {
    double largest = 0;
    for (Map.Entry<String, Map<String, Double>> task : fp32.entrySet()) {
      for (Map.Entry<String, Double> metric : task.getValue().entrySet()) {
        double other = candidate.get(task.getKey()).get(metric.getKey());
        Scale scale = Metrics.lookup(metric.getKey()).scale();
        largest = Math.max(largest, scale.toPoints(Math.abs(other - metric.getValue())));
      }
    }
    return largest;
  }

  /**
   * @return the lowest argmax agreement of any task
   */
  double lowestArgmaxAgreement() {
    return argmaxAgreement.values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
  }

  /**
   * @param result the whole JSON result of {@code mtl optimize --json}
   * @return the passes that changed something, stage by stage, as the model's metadata records them
   */
  static List<String> appliedPasses(JsonNode result) {
    List<String> applied = new ArrayList<>();
    result
        .get("passes")
        .fields()
        .forEachRemaining(
            stage ->
                stage
                    .getValue()
                    .fields()
                    .forEachRemaining(
                        pass -> {
                          boolean count =
                              !pass.getKey().equals("nodesBefore")
                                  && !pass.getKey().equals("nodesAfter");
                          if (count && pass.getValue().asInt() > 0) {
                            applied.add(pass.getKey());
                          }
                        }));
    return applied;
  }

  private static void put(
      Map<String, Map<String, Double>> into, String task, String metric, JsonNode value) {
    into.computeIfAbsent(task, k -> new LinkedHashMap<>()).put(metric, value.asDouble());
  }
}
