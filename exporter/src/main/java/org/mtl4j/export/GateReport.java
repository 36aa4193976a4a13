package org.mtl4j.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.metrics.parity.OutputComparison;
import org.mtl4j.metrics.parity.ParityReport;

/**
 * The verdict of the parity gate: the comparator's report over every reference batch (outputs
 * named {@code <batch>/<output>}) and each task's dev metrics from both sides.
 *
 * @param tensors the comparator's report
 * @param metrics task to metric to {@code [reference, candidate]}
 * @param metricFailures one line per metric whose values differ
 */
public record GateReport(
    ParityReport tensors, Map<String, Map<String, double[]>> metrics, List<String> metricFailures) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Freezes the collections. */
  public GateReport {
    metrics = Map.copyOf(new LinkedHashMap<>(metrics));
    metricFailures = List.copyOf(metricFailures);
  }

  /**
   * @return whether every output is within the tier and every metric is equal
   */
  public boolean passed() {
    return tensors.passed() && metricFailures.isEmpty();
  }

  /**
   * @return every failure: the comparator's, then the metrics'
   */
  public List<String> failures() {
    List<String> all = new ArrayList<>(tensors.failures());
    all.addAll(metricFailures);
    return all;
  }

  /**
   * Per output name, over every batch: the largest absolute difference and the share of rows
   * whose argmax agrees.
   *
   * @return output name to {@code [maxAbsDiff, argmaxAgreement]}
   */
  public Map<String, double[]> perOutput() {
    Map<String, double[]> acc = new LinkedHashMap<>();
    for (OutputComparison o : tensors.outputs()) {
      String name = o.name().substring(o.name().indexOf('/') + 1);
      double[] a = acc.computeIfAbsent(name, k -> new double[3]);
      a[0] = Math.max(a[0], o.maxAbsDiff());
      a[1] += o.argmaxRows();
      a[2] += o.argmaxMismatches();
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    acc.forEach((k, a) -> out.put(k, new double[] {a[0], a[1] == 0 ? 1.0 : 1.0 - a[2] / a[1]}));
    return out;
  }

  /**
   * @return {@code {"passed", "tier", "outputs": {name: {"maxAbsDiff", "argmaxAgreement"}},
   *     "metrics": {task: {metric: {"reference", "candidate"}}}, "failures": [...]}}
   */
  public ObjectNode toJsonNode() {
    ObjectNode root = JSON.createObjectNode();
    root.put("passed", passed());
    root.put("tier", tensors.tier().cliName());
    ObjectNode outputs = root.putObject("outputs");
    perOutput().forEach((name, v) -> {
      ObjectNode o = outputs.putObject(name);
      o.put("maxAbsDiff", v[0]);
      o.put("argmaxAgreement", v[1]);
    });
    ObjectNode metricsNode = root.putObject("metrics");
    metrics.keySet().stream().sorted().forEach(task -> {
      ObjectNode t = metricsNode.putObject(task);
      metrics.get(task).forEach((metric, v) -> {
        ObjectNode m = t.putObject(metric);
        m.put("reference", v[0]);
        m.put("candidate", v[1]);
      });
    });
    var failures = root.putArray("failures");
    failures().forEach(failures::add);
    return root;
  }

  /**
   * @return the JSON text of {@link #toJsonNode()}
   */
  public String toJson() {
    return toJsonNode().toPrettyString();
  }

  /**
   * @return the comparator's text report, then one line per task metric
   */
  public String toText() {
    StringBuilder out = new StringBuilder(tensors.toText());
    metrics.keySet().stream().sorted().forEach(task -> metrics.get(task).forEach((metric, v) ->
        out.append(String.format(Locale.ROOT, "  metric %s %s: reference %.6f, candidate %.6f%s%n",
            task, metric, v[0], v[1], v[0] == v[1] ? "" : " FAIL"))));
    metricFailures.forEach(f -> out.append("  failure: ").append(f).append('\n'));
    out.append(passed() ? "parity gate: PASS\n" : "parity gate: FAIL\n");
    return out.toString();
  }
}
