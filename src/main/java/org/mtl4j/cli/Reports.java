package org.mtl4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.export.GateReport;
import org.mtl4j.train.trainer.TrainingReport;

/** Text and JSON renderings of training and evaluation results for the CLI. */
final class Reports {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Reports() {}

  /** One line per task and metric: {@code task metric value}. */
  static String metrics(Map<String, Map<String, Double>> metrics) {
    StringBuilder out = new StringBuilder();
    metrics.forEach(
        (task, values) ->
            values.forEach(
                (metric, value) ->
                    out.append(
                        String.format(
                            Locale.ROOT, "  %-16s %-28s %10.4f%n", task, metric, value))));
    return out.toString();
  }

  /** A training report for people. */
  static String text(TrainingReport report) {
    StringBuilder out = new StringBuilder();
    for (int epoch = 0; epoch < report.history().size(); epoch++) {
      if (!report.history().get(epoch).isEmpty()) {
        out.append("dev after epoch ")
            .append(epoch + 1)
            .append(epoch == report.bestEpoch() ? " (best)" : "")
            .append(":\n")
            .append(metrics(report.history().get(epoch)));
      }
    }
    if (!report.finished()) {
      return out.append(
              String.format(
                  Locale.ROOT,
                  "stopped after %d updates; continue with --resume (checkpoint in %s)%n",
                  report.updates(),
                  report.packageDir()))
          .toString();
    }
    if (!report.dev().isEmpty()) {
      out.append("package dev metrics:\n").append(metrics(report.dev()));
    }
    if (!report.test().isEmpty()) {
      out.append("package test metrics:\n").append(metrics(report.test()));
    }
    return out.append(
            String.format(
                Locale.ROOT,
                "wrote %s (%d updates, %.1f s)%n",
                report.packageDir(),
                report.updates(),
                report.seconds()))
        .toString();
  }

  /**
   * A passed parity gate for people: per output the largest absolute difference and the argmax
   * agreement over all reference batches, then each dev metric from both sides.
   */
  static String parity(GateReport report) {
    StringBuilder out = new StringBuilder();
    report
        .perOutput()
        .forEach(
            (name, v) ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  parity %-24s max abs diff %.3e, argmax agreement %.4f, tolerance used %.2f%s%n",
                        name,
                        v.maxAbsDiff(),
                        v.argmaxAgreement(),
                        v.toleranceUsed(),
                        v.argmaxTies() > 0 ? ", reference ties " + v.argmaxTies() : "")));
    report
        .metrics()
        .forEach(
            (task, metrics) ->
                metrics.forEach(
                    (metric, v) ->
                        out.append(
                            String.format(
                                Locale.ROOT,
                                "  dev %s %s: reference %.6f, onnx %.6f%n",
                                task,
                                metric,
                                v[0],
                                v[1]))));
    return out.append("parity gate: PASS (" + report.tensors().tier().cliName() + " tier)\n")
        .toString();
  }

  /** A training report as JSON. */
  static String json(TrainingReport report) {
    return jsonNode(report).toPrettyString();
  }

  /** A training report as a JSON object, for callers that add to it. */
  static ObjectNode jsonNode(TrainingReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("package", report.packageDir().toString());
    root.put("finished", report.finished());
    root.put("updates", report.updates());
    root.put("seconds", report.seconds());
    root.put("best_epoch", report.bestEpoch() + 1);
    root.set("history", JSON.valueToTree(report.history()));
    root.set("dev", JSON.valueToTree(report.dev()));
    root.set("test", JSON.valueToTree(report.test()));
    return root;
  }

  /** Metrics as {@code {"task": {"metric": value}}}. */
  static String json(Map<String, Map<String, Double>> metrics) {
    return JSON.valueToTree(metrics).toPrettyString();
  }
}
