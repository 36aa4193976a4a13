package org.mtl4j.graph.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.mtl4j.graph.ir.OnnxDefaults;

/**
 * The signature of one operator from one opset version on: how many inputs and outputs it takes
 * (optional inputs counted in the range, variadic ones as {@link #VARIADIC}) and which attributes
 * it requires.
 *
 * @param domain the domain, {@code ""} for ai.onnx
 * @param opType the operator
 * @param sinceVersion the opset version from which this signature holds
 * @param minInputs fewest inputs
 * @param maxInputs most inputs, or {@link #VARIADIC}
 * @param minOutputs fewest outputs
 * @param maxOutputs most outputs, or {@link #VARIADIC}
 * @param requiredAttributes attributes a node must set
 */
public record OpSchema(
    String domain,
    String opType,
    int sinceVersion,
    int minInputs,
    int maxInputs,
    int minOutputs,
    int maxOutputs,
    Set<String> requiredAttributes) {

  /** No upper bound on a count. */
  public static final int VARIADIC = Integer.MAX_VALUE;

  /** Normalizes the domain and checks the ranges. */
  public OpSchema {
    domain = OnnxDefaults.normalizeDomain(domain);
    Objects.requireNonNull(opType, "opType");
    requiredAttributes = Set.copyOf(requiredAttributes);
    if (minInputs < 0 || maxInputs < minInputs || minOutputs < 0 || maxOutputs < minOutputs) {
      throw new IllegalArgumentException("bad input/output counts for " + opType);
    }
  }

  /**
   * @return {@code domain:opType} with {@code ai.onnx} for the default domain
   */
  public String qualifiedName() {
    return OnnxDefaults.displayDomain(domain) + ":" + opType;
  }

  /**
   * @param inputs how many inputs a node has (trailing omitted ones not counted)
   * @return null when allowed, otherwise what was expected, e.g. {@code "expected 2 inputs, got 1"}
   */
  public String checkInputs(int inputs) {
    return checkCount("input", inputs, minInputs, maxInputs);
  }

  /**
   * @param outputs how many outputs a node has
   * @return null when allowed, otherwise what was expected
   */
  public String checkOutputs(int outputs) {
    return checkCount("output", outputs, minOutputs, maxOutputs);
  }

  /**
   * Checks a node against this signature: its input count (trailing omitted inputs not counted),
   * its output count and its required attributes.
   *
   * @param inputs the node's input names, {@code ""} for an omitted optional input
   * @param outputs how many outputs the node has
   * @param hasAttribute whether the node sets the named attribute
   * @return what does not fit, in that order; empty when the node fits
   */
  public List<String> problems(List<String> inputs, int outputs, Predicate<String> hasAttribute) {
    int given = inputs.size();
    while (given > 0 && inputs.get(given - 1).isEmpty()) {
      given--;
    }
    List<String> problems = new ArrayList<>();
    Stream.of(checkInputs(given), checkOutputs(outputs))
        .filter(Objects::nonNull)
        .forEach(problems::add);
    requiredAttributes.stream()
        .filter(required -> !hasAttribute.test(required))
        .forEach(required -> problems.add("missing required attribute '" + required + "'"));
    return problems;
  }

  private static String checkCount(String what, int got, int min, int max) {
    if (got >= min && got <= max) {
      return null;
    }
    String expected;
    if (min == max) {
      expected = min + " " + what + (min == 1 ? "" : "s");
    } else if (max == VARIADIC) {
      expected = "at least " + min + " " + what + (min == 1 ? "" : "s");
    } else {
      expected = min + " to " + max + " " + what + "s";
    }
    return "expected " + expected + ", got " + got;
  }
}
