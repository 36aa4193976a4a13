package org.mtl4j.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The verdict on an optimized graph: either the package gate ({@link GateReport}, against the
 * training outputs) or, for a graph without task heads, the comparison with the unoptimized graph
 * (tensor tier, or per-row cosine similarity for int8 and fp16).
 *
 * @param against what the graph was compared with
 * @param passed whether it passed
 * @param text the human-readable report
 * @param json the machine-readable report
 * @param failures one line per failure
 */
public record OptimizedGate(
    String against, boolean passed, String text, ObjectNode json, List<String> failures) {

  /** Copies the list. */
  public OptimizedGate {
    failures = List.copyOf(failures);
  }

  static OptimizedGate of(GateReport report) {
    return new OptimizedGate(
        "the package's reference outputs",
        report.passed(),
        report.toText(),
        report.toJsonNode(),
        report.failures());
  }

  static OptimizedGate cosine(
      double threshold, double worst, String worstRow, List<String> failures) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("passed", failures.isEmpty());
    json.put("measure", "per-row cosine similarity at real-token positions");
    json.put("threshold", threshold);
    json.put("worstCosine", worst);
    json.put("worstRow", worstRow);
    failures.forEach(json.putArray("failures")::add);
    String text =
        String.format(
            Locale.ROOT,
            "  worst per-row cosine similarity %.6f at %s (threshold %.3f)%n%s",
            worst,
            worstRow,
            threshold,
            failures.isEmpty() ? "parity gate: PASS\n" : "parity gate: FAIL\n");
    return new OptimizedGate("the unoptimized graph", failures.isEmpty(), text, json, failures);
  }
}
