package org.mtl4j.metrics.parity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict of one parity comparison: per-output statistics and every failure, naming the output
 * and (for numeric failures) the worst element.
 *
 * @param tier the tier judged against
 * @param outputs the outputs present in both sets with equal shapes, in reference order
 * @param failures every reason the comparison fails: missing, extra and misshapen outputs, then
 *     each output's own failures prefixed by its name; empty when it passes
 */
public record ParityReport(Tier tier, List<OutputComparison> outputs, List<String> failures) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Freezes both lists. */
  public ParityReport {
    outputs = List.copyOf(outputs);
    failures = List.copyOf(failures);
  }

  /**
   * @return whether every output passes the tier's tensor checks
   */
  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * @return whether this tier's gate also needs task metrics (see {@link TaskMetricGate})
   */
  public boolean taskMetricsRequired() {
    return tier.requiresTaskMetrics();
  }

  /**
   * The report as a short human-readable text: verdict, one line per output, then failures.
   *
   * @return the text, lines ending in a newline
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "parity (%s tier): %s\n", tier.cliName(), passed() ? "PASS" : "FAIL"));
    if (tier.checksElements()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  tolerance: |candidate - reference| <= %.0e + %.1e * |reference|\n",
              tier.atol(),
              tier.rtol()));
    }
    for (OutputComparison o : outputs) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-5s %s %s  max abs %.3e at %s (ref %s, cand %s)  max rel %.3e  mean abs %.3e",
              o.passed() ? "ok" : "FAIL",
              o.name(),
              Arrays.toString(o.shape()),
              o.maxAbsDiff(),
              Arrays.toString(o.worstIndex()),
              o.worstReference(),
              o.worstCandidate(),
              o.maxRelDiff(),
              o.meanAbsDiff()));
      if (o.worstElement() != null) {
        OutputComparison.Element e = o.worstElement();
        out.append(
            String.format(
                Locale.ROOT,
                "  tolerance used %.2f at %s (tolerance %.3e)  max relative excess %.3e",
                e.toleranceUsed(),
                Arrays.toString(e.index()),
                e.tolerance(),
                o.maxRelativeExcess()));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "  argmax %.4f%% of %d rows%s%s\n",
              100 * o.argmaxAgreement(),
              o.argmaxRows(),
              o.argmaxTies() > 0 ? " (" + o.argmaxTies() + " reference ties)" : "",
              o.masked() ? " (masked)" : ""));
    }
    for (String failure : failures) {
      out.append("  failure: ").append(failure).append('\n');
    }
    if (tier.requiresTaskMetrics()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  note: the %s tier also needs every task metric within %s points (not checked on tensors)\n",
              tier.cliName(),
              tier.taskMetricPoints()));
    }
    return out.toString();
  }

  /**
   * The report as JSON: {@code tier}, {@code passed}, {@code taskMetricsRequired}, {@code
   * failures}, and {@code outputs}, each with the fields of {@link OutputComparison} ({@code name},
   * {@code shape}, {@code maxAbsDiff}, {@code maxRelDiff}, {@code maxRelativeExcess}, {@code
   * beyondTolerance}, {@code worstElement} (an object with {@code index}, {@code reference}, {@code
   * candidate}, {@code difference}, {@code tolerance}; absent for a tier that does not check
   * elements), {@code meanAbsDiff}, {@code worstIndex}, {@code worstReference}, {@code
   * worstCandidate}, {@code argmaxRows}, {@code argmaxMismatches}, {@code argmaxTies}, {@code
   * argmaxAgreement}, {@code firstArgmaxMismatch}, {@code masked}, {@code passed}, {@code
   * failures}). The tier is given with its {@code atol} and {@code rtol}. Infinite or NaN numbers
   * are written as the strings {@code "Infinity"} and {@code "NaN"}.
   *
   * @return the JSON text
   */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toMap());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the parity report as JSON", e);
    }
  }

  /**
   * @return the report as ordered maps and lists, ready to embed in a larger JSON document
   */
  public Map<String, Object> toMap() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("tier", tier.cliName());
    if (tier.checksElements()) {
      root.put("atol", tier.atol());
      root.put("rtol", tier.rtol());
    }
    root.put("passed", passed());
    root.put("taskMetricsRequired", taskMetricsRequired());
    root.put("failures", failures);
    root.put("outputs", outputs.stream().map(ParityReport::outputMap).toList());
    return root;
  }

  private static Map<String, Object> outputMap(OutputComparison o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", o.name());
    m.put("shape", o.shape());
    m.put("maxAbsDiff", o.maxAbsDiff());
    m.put("maxRelDiff", o.maxRelDiff());
    m.put("maxRelativeExcess", o.maxRelativeExcess());
    m.put("beyondTolerance", o.beyondTolerance());
    if (o.worstElement() != null) {
      OutputComparison.Element e = o.worstElement();
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("index", e.index());
      w.put("reference", e.reference());
      w.put("candidate", e.candidate());
      w.put("difference", e.difference());
      w.put("tolerance", e.tolerance());
      m.put("worstElement", w);
    }
    m.put("meanAbsDiff", o.meanAbsDiff());
    m.put("worstIndex", o.worstIndex());
    m.put("worstReference", o.worstReference());
    m.put("worstCandidate", o.worstCandidate());
    m.put("argmaxRows", o.argmaxRows());
    m.put("argmaxMismatches", o.argmaxMismatches());
    m.put("argmaxTies", o.argmaxTies());
    m.put("argmaxAgreement", o.argmaxAgreement());
    m.put("firstArgmaxMismatch", o.firstArgmaxMismatch());
    m.put("masked", o.masked());
    m.put("passed", o.passed());
    m.put("failures", o.failures());
    return m;
  }
}
