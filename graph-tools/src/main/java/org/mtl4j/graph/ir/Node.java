package org.mtl4j.graph.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operator application in a graph. Immutable; graph edits replace nodes.
 *
 * @param name the node's name, unique in its graph (may be empty in files written by others)
 * @param domain the operator set's domain: {@code ""} for the default ONNX domain ({@code
 *     ai.onnx}), or e.g. {@code com.microsoft}
 * @param opType the operator, e.g. {@code MatMul}
 * @param inputs input value names; an empty name stands for an omitted optional input
 * @param outputs output value names
 * @param attributes attributes, each name at most once
 * @param docString documentation; empty when none
 */
public record Node(
    String name,
    String domain,
    String opType,
    List<String> inputs,
    List<String> outputs,
    List<Attribute> attributes,
    String docString) {

  /** Copies the lists and checks that attribute names are distinct. */
  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(opType, "opType");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    attributes = List.copyOf(attributes);
    docString = docString == null ? "" : docString;
    if (attributes.stream().map(Attribute::name).distinct().count() != attributes.size()) {
      throw new IllegalArgumentException("node '" + name + "' has an attribute twice");
    }
  }

  /**
   * @param name the node's name
   * @param domain the domain
   * @param opType the operator
   * @param inputs input value names
   * @param outputs output value names
   * @param attributes attributes
   * @return a node without documentation
   */
  public static Node of(
      String name,
      String domain,
      String opType,
      List<String> inputs,
      List<String> outputs,
      List<Attribute> attributes) {
    return new Node(name, domain, opType, inputs, outputs, attributes, "");
  }

  /**
   * @param attributeName an attribute name
   * @return the attribute when present
   */
  public Optional<Attribute> attribute(String attributeName) {
    return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
  }

  /**
   * @return {@code domain:opType} with {@code ai.onnx} for the default domain, as messages print it
   */
  public String qualifiedOp() {
    return OnnxDefaults.displayDomain(domain) + ":" + opType;
  }

  /**
   * @param newInputs the new input names
   * @return a copy of this node with other inputs
   */
  public Node withInputs(List<String> newInputs) {
    return new Node(name, domain, opType, newInputs, outputs, attributes, docString);
  }

  /**
   * @param newOutputs the new output names
   * @return a copy of this node with other outputs
   */
  public Node withOutputs(List<String> newOutputs) {
    return new Node(name, domain, opType, inputs, newOutputs, attributes, docString);
  }

  /**
   * @param newAttributes the new attributes
   * @return a copy of this node with other attributes
   */
  public Node withAttributes(List<Attribute> newAttributes) {
    return new Node(name, domain, opType, inputs, outputs, newAttributes, docString);
  }

  @Override
  public String toString() {
    return "'" + name + "' (" + qualifiedOp() + ")";
  }
}
