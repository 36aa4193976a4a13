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
 * The verdict of the parity gate: the comparator's report over every reference batch (outputs named
 * {@code <batch>/<output>}) and each task's dev metrics from both sides.
 *
 * @param tensors the comparator's report
 * @param metrics task to metric to {@code [reference, candidate]}
 * @param metricFailures one line per metric whose values differ
 */
public record GateReport(
    ParityReport tensors, Map<String, Map<String, double[]>> metrics, List<String> metricFailures) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
   * One output's figures over every reference batch.
   *
   * @param maxAbsDiff the largest absolute difference
   * @param maxRelativeExcess the largest relative term any element needs beyond {@code atol} (see
   *     {@link OutputComparison#maxRelativeExcess()})
   * @param toleranceUsed the largest share of its tolerance any element uses (above 1 fails; 0 for
   *     a tier that does not check elements)
   * @param argmaxAgreement the share of compared rows whose argmax agrees
   * @param argmaxTies compared rows that are reference ties
   */
  public record OutputSummary(
      double maxAbsDiff,
      double maxRelativeExcess,
      double toleranceUsed,
      double argmaxAgreement,
      long argmaxTies) {}

  /**
   * Per output name, over every batch: the largest differences, the share of rows whose argmax
   * agrees and the reference ties.
   *
   * @return output name to its summary, in the order outputs were compared
   */
  public Map<String, OutputSummary> perOutput() {
    Map<String, List<OutputComparison>> byName = new LinkedHashMap<>();
    for (OutputComparison o : tensors.outputs()) {
      byName
          .computeIfAbsent(o.name().substring(o.name().indexOf('/') + 1), k -> new ArrayList<>())
          .add(o);
    }
    Map<String, OutputSummary> out = new LinkedHashMap<>();
    byName.forEach(
        (name, list) -> {
          long rows = list.stream().mapToLong(OutputComparison::argmaxRows).sum();
          long mismatches = list.stream().mapToLong(OutputComparison::argmaxMismatches).sum();
          out.put(
              name,
              new OutputSummary(
                  list.stream().mapToDouble(OutputComparison::maxAbsDiff).max().orElse(0),
                  list.stream().mapToDouble(OutputComparison::maxRelativeExcess).max().orElse(0),
                  list.stream()
                      .filter(o -> o.worstElement() != null)
                      .mapToDouble(o -> o.worstElement().toleranceUsed())
                      .max()
                      .orElse(0),
                  rows == 0 ? 1.0 : 1.0 - (double) mismatches / rows,
                  list.stream().mapToLong(OutputComparison::argmaxTies).sum()));
        });
    return out;
  }

  /**
   * @return {@code {"passed", "tier", "atol", "rtol", "outputs": {name: {"maxAbsDiff",
   *     "maxRelativeExcess", "toleranceUsed", "argmaxAgreement", "argmaxTies"}}, "metrics": {task:
   *     {metric: {"reference", "candidate"}}}, "failures": [...]}}
   */
  public ObjectNode toJsonNode() {
    ObjectNode root = JSON.createObjectNode();
    root.put("passed", passed());
    root.put("tier", tensors.tier().cliName());
    if (tensors.tier().checksElements()) {
      root.put("atol", tensors.tier().atol());
      root.put("rtol", tensors.tier().rtol());
    }
    ObjectNode outputs = root.putObject("outputs");
    perOutput()
        .forEach(
            (name, v) -> {
              ObjectNode o = outputs.putObject(name);
              o.put("maxAbsDiff", v.maxAbsDiff());
              o.put("maxRelativeExcess", v.maxRelativeExcess());
              o.put("toleranceUsed", v.toleranceUsed());
              o.put("argmaxAgreement", v.argmaxAgreement());
              o.put("argmaxTies", v.argmaxTies());
            });
    ObjectNode metricsNode = root.putObject("metrics");
    metrics.keySet().stream()
        .sorted()
        .forEach(
            task -> {
              ObjectNode t = metricsNode.putObject(task);
              metrics
                  .get(task)
                  .forEach(
                      (metric, v) -> {
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
    metrics.keySet().stream()
        .sorted()
        .forEach(
            task ->
                metrics
                    .get(task)
                    .forEach(
                        (metric, v) ->
                            out.append(
                                String.format(
                                    Locale.ROOT,
                                    "  metric %s %s: reference %.6f, candidate %.6f%s%n",
                                    task,
                                    metric,
                                    v[0],
                                    v[1],
                                    v[0] == v[1] ? "" : " FAIL"))));
    metricFailures.forEach(f -> out.append("  failure: ").append(f).append('\n'));
    out.append(passed() ? "parity gate: PASS\n" : "parity gate: FAIL\n");
    return out.toString();
  }
}
