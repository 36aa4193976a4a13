package org.mtl4j.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mtl4j.bench.gate.RunFacts;
import org.mtl4j.bench.stats.GateDecision;
import org.mtl4j.bench.stats.LatencySummary;
import org.mtl4j.bench.stats.RatioEstimate;

/**
 * Everything a {@code mtl bench} run found, printed as text or JSON.
 *
 * @param model the model measured
 * @param facts the run's facts (contract, workload, machine, settings)
 * @param calls one report per measured operation
 * @param ratioLabel what the ratio compares, e.g. {@code A / B}; null when there is none
 * @param ratio the paired ratio with its interval; null when there is none
 * @param decision the gate's verdict; null when no gate was asked for
 * @param notes further lines for people (baseline mismatches forced through, say)
 */
public record BenchReport(
    String model,
    RunFacts facts,
    List<CallReport> calls,
    String ratioLabel,
    RatioEstimate ratio,
    GateDecision decision,
    List<String> notes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies. */
  public BenchReport {
    calls = List.copyOf(calls);
    notes = List.copyOf(notes);
  }

  /**
   * @param out where to print the text report
   */
  public void printText(PrintWriter out) {
    out.printf("model: %s%n", model);
    out.printf("workload: %s%n", facts.workload());
    out.printf(
        "tasks: %s | threads %d | provider %s | ONNX Runtime %s | compared on %s time%n",
        facts.tasks(), facts.threads(), facts.provider(), facts.onnxRuntime(), facts.metric());
    out.printf("machine: %s%n", facts.machine());
    for (CallReport c : calls) {
      LatencySummary s = c.summary();
      String cpu =
          c.cpu() == null
              ? ""
              : " | CPU per call: p50 " + ms(c.cpu().p50()) + ", mean " + ms(c.cpu().mean());
      out.printf(
          Locale.ROOT,
          "%s: %d calls | p50 %s p90 %s p99 %s p99.9 %s max %s | mean %s ± %s | %.1f inputs/s%s%n",
          c.name(),
          s.count(),
          ms(s.p50()),
          ms(s.p90()),
          ms(s.p99()),
          ms(s.p999()),
          ms(s.max()),
          ms(s.mean()),
          ms(s.stdDev()),
          c.throughput(),
          cpu);
    }
    if (ratio != null) {
      out.printf(
          Locale.ROOT,
          "ratio %s: %s (median of the paired ratios, 95%% bootstrap interval; above 1: %s is slower)%n",
          ratioLabel,
          ratio.format(),
          ratioLabel.split(" / ")[0]);
    }
    if (decision != null) {
      out.println("gate: " + decision.describe());
    }
    notes.forEach(n -> out.println("note: " + n));
    out.flush();
  }

  /**
   * @return the report as a JSON object
   */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", model);
    root.set("facts", JSON.valueToTree(facts));
    ArrayNode array = root.putArray("calls");
    for (CallReport c : calls) {
      LatencySummary s = c.summary();
      ObjectNode o = array.addObject();
      o.put("name", c.name());
      o.put("calls", s.count());
      o.put("p50_ms", s.p50() / 1e6);
      o.put("p90_ms", s.p90() / 1e6);
      o.put("p99_ms", s.p99() / 1e6);
      o.put("p99_9_ms", s.p999() / 1e6);
      o.put("max_ms", s.max() / 1e6);
      o.put("mean_ms", s.mean() / 1e6);
      o.put("stddev_ms", s.stdDev() / 1e6);
      o.put("throughput_per_s", c.throughput());
      if (c.cpu() != null) {
        o.put("cpu_p50_ms", c.cpu().p50() / 1e6);
        o.put("cpu_mean_ms", c.cpu().mean() / 1e6);
      }
    }
    if (ratio != null) {
      ObjectNode r = root.putObject("ratio");
      r.put("of", ratioLabel);
      r.put("median_ratio", ratio.ratio());
      r.put("ci_low", ratio.low());
      r.put("ci_high", ratio.high());
      r.put("confidence", ratio.confidence());
      r.put("resamples", ratio.resamples());
    }
    if (decision != null) {
      ObjectNode g = root.putObject("gate");
      g.put("max_regression", decision.maxRegression());
      g.put("regression", decision.regression());
      g.put("verdict", decision.describe());
    }
    ArrayNode n = root.putArray("notes");
    new ArrayList<>(notes).forEach(n::add);
    return root;
  }

  private static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
  }
}
