package org.mtl4j.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.metrics.parity.TaskMetricGate;
import org.mtl4j.metrics.parity.Tier;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * The fp16 and int8 gates of a graph with task heads: every task's dev metrics of the optimized
 * graph against those of the fp32 graph on the same rows, within the tier's points ({@link
 * TaskMetricGate}), and the share of predictions that agree (per word for NER, per row otherwise),
 * at least the tier's {@link Tier#minArgmaxAgreement()}.
 */
final class TaskMetricTierGate {

  private static final String FP16_ON_CPU =
      "ONNX Runtime's CPU provider has no float16 MatMul kernel on x86 and computes in float32"
          + " between casts: this gate checks the float16 rounding of weights and activations, not"
          + " float16 arithmetic";

  private TaskMetricTierGate() {}

  /**
   * @param tier the fp16 or int8 tier
   * @param against what the optimized graph was compared with, for the report
   * @param tasks the tasks judged
   * @param rows per task, the rows scored
   * @param fp32 per task, the fp32 graph's score
   * @param candidate per task, the optimized graph's score on the same rows
   * @return the verdict
   */
  static OptimizedGate judge(
      Tier tier,
      String against,
      List<TaskSpec> tasks,
      Map<String, Integer> rows,
      Map<String, TaskScore> fp32,
      Map<String, TaskScore> candidate) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("tier", tier.cliName());
    json.put("allowedPoints", tier.taskMetricPoints());
    if (tier.minArgmaxAgreement() > 0) {
      json.put("minArgmaxAgreement", tier.minArgmaxAgreement());
    }
    ObjectNode tasksNode = json.putObject("tasks");
    StringBuilder text = new StringBuilder();
    List<String> failures = new ArrayList<>();
    for (TaskSpec task : tasks) {
      TaskScore reference = fp32.get(task.name());
      TaskScore optimized = candidate.get(task.name());
      double agreement = agreement(task.type(), reference.predicted(), optimized.predicted());
      ObjectNode t = tasksNode.putObject(task.name());
      t.put("rows", rows.get(task.name()));
      t.put("argmaxAgreement", agreement);
      ObjectNode metrics = t.putObject("metrics");
      text.append(
          String.format(
              Locale.ROOT,
              "  task %s (%d rows): argmax agreement %.2f%%%n",
              task.name(),
              rows.get(task.name()),
              100 * agreement));
      for (TaskMetricGate.Check check :
          TaskMetricGate.check(task.name(), reference.metrics(), optimized.metrics(), tier)) {
        ObjectNode m = metrics.putObject(check.metric());
        m.put("fp32", check.reference());
        m.put("candidate", check.candidate());
        m.put("differencePoints", check.deltaPoints());
        m.put("passed", check.passed());
        text.append(
            String.format(
                Locale.ROOT,
                "    %s: fp32 %.6f, %s %.6f, difference %.4f points (allowed %.2f)%s%n",
                check.metric(),
                check.reference(),
                tier.cliName(),
                check.candidate(),
                check.deltaPoints(),
                check.allowedPoints(),
                check.passed() ? "" : " FAIL"));
        if (!check.passed()) {
          failures.add(check.describe());
        }
      }
      if (agreement < tier.minArgmaxAgreement()) {
        failures.add(
            String.format(
                Locale.ROOT,
                "task '%s': argmax agreement %.4f is below %.4f",
                task.name(),
                agreement,
                tier.minArgmaxAgreement()));
      }
    }
    if (tier == Tier.FP16) {
      json.put("note", FP16_ON_CPU);
      text.append("  note: ").append(FP16_ON_CPU).append('\n');
    }
    json.put("passed", failures.isEmpty());
    failures.forEach(json.putArray("failures")::add);
    failures.forEach(f -> text.append("  failure: ").append(f).append('\n'));
    text.append(failures.isEmpty() ? "parity gate: PASS\n" : "parity gate: FAIL\n");
    return new OptimizedGate(against, failures.isEmpty(), text.toString(), json, failures);
  }

  /**
   * The share of predictions that agree: per word for NER (rows of equal length), per row (the
   * label, or the whole label set) otherwise; 1 when there are none.
   */
  static double agreement(TaskType type, List<List<String>> a, List<List<String>> b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException(
          "the two graphs were scored on " + a.size() + " and " + b.size() + " rows");
    }
    long same = 0;
    long total = 0;
    for (int r = 0; r < a.size(); r++) {
      if (type == TaskType.NER && a.get(r).size() == b.get(r).size()) {
        for (int w = 0; w < a.get(r).size(); w++) {
          same += a.get(r).get(w).equals(b.get(r).get(w)) ? 1 : 0;
          total++;
        }
      } else {
        same += a.get(r).equals(b.get(r)) ? 1 : 0;
        total++;
      }
    }
    return total == 0 ? 1.0 : (double) same / total;
  }
}
