package org.mtl4j.graph.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;

/**
 * One node being built by a {@link GraphBuilder}: set inputs and attributes, then call an
 * {@code out} method, which checks the node against its schema, adds it and returns the output
 * names. A builder adds at most one node.
 */
public final class NodeBuilder {

  private final GraphBuilder owner;
  private final String domain;
  private final String opType;
  private final List<String> inputs = new ArrayList<>();
  private final Map<String, Attribute> attributes = new LinkedHashMap<>();
  private String name;
  private boolean added;

  NodeBuilder(GraphBuilder owner, String domain, String opType) {
    this.owner = owner;
    this.domain = domain;
    this.opType = opType;
  }

  /**
   * @param nodeName the node's name (otherwise {@code <opType>}, made unique)
   * @return this builder
   */
  public NodeBuilder name(String nodeName) {
    this.name = nodeName;
    return this;
  }

  /**
   * @param names input value names, appended in order; {@code ""} omits an optional input
   * @return this builder
   */
  public NodeBuilder in(String... names) {
    inputs.addAll(Arrays.asList(names));
    return this;
  }

  /**
   * @param key attribute name
   * @param value an INT value
   * @return this builder
   */
  public NodeBuilder attr(String key, long value) {
    return attr(Attribute.of(key, value));
  }

  /**
   * @param key attribute name
   * @param value a FLOAT value
   * @return this builder
   */
  public NodeBuilder attr(String key, float value) {
    return attr(Attribute.of(key, value));
  }

  /**
   * @param key attribute name
   * @param value a STRING value
   * @return this builder
   */
  public NodeBuilder attr(String key, String value) {
    return attr(Attribute.of(key, value));
  }

  /**
   * @param key attribute name
   * @param value a TENSOR value
   * @return this builder
   */
  public NodeBuilder attr(String key, Tensor value) {
    return attr(Attribute.of(key, value));
  }

  /**
   * @param key attribute name
   * @param values an INTS value
   * @return this builder
   */
  public NodeBuilder attr(String key, long[] values) {
    return attr(Attribute.ints(key, values));
  }

  /**
   * @param key attribute name
   * @param values a FLOATS value
   * @return this builder
   */
  public NodeBuilder attr(String key, float[] values) {
    return attr(Attribute.floats(key, values));
  }

  /**
   * @param attribute any attribute; replaces one of the same name
   * @return this builder
   */
  public NodeBuilder attr(Attribute attribute) {
    attributes.put(attribute.name(), attribute);
    return this;
  }

  /**
   * Adds the node with one output under a generated name.
   *
   * @return the output's name
   */
  public String out() {
    return outs(1).get(0);
  }

  /**
   * Adds the node with {@code count} outputs under generated names.
   *
   * @param count how many outputs
   * @return the outputs' names
   */
  public List<String> outs(int count) {
    String nodeName = nodeName();
    List<String> outputs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      outputs.add(owner.uniqueName(nodeName + "_output_" + i));
    }
    return add(nodeName, outputs);
  }

  /**
   * Adds the node with outputs of the given names; {@code ""} omits an optional output.
   *
   * @param names the outputs' names (must be unused)
   * @return the names
   */
  public List<String> outs(String... names) {
    String nodeName = nodeName();
    for (String n : names) {
      if (!n.isEmpty()) {
        owner.claim(n, "output");
      }
    }
    return add(nodeName, List.of(names));
  }

  private String nodeName() {
    if (added) {
      throw new IllegalStateException("Building " + qualified() + ": node already added");
    }
    if (name == null) {
      return owner.uniqueName(opType);
    }
    owner.claim(name, "node");
    return name;
  }

  private List<String> add(String nodeName, List<String> outputs) {
    OpSchema schema = schema();
    int given = inputs.size();
    while (given > 0 && inputs.get(given - 1).isEmpty()) {
      given--;
    }
    fail(schema.checkInputs(given), nodeName);
    fail(schema.checkOutputs(outputs.size()), nodeName);
    for (String required : schema.requiredAttributes()) {
      if (!attributes.containsKey(required)) {
        fail("missing required attribute '" + required + "'", nodeName);
      }
    }
    List<String> undefined = owner.definedOf(inputs);
    if (!undefined.isEmpty()) {
      fail("input '" + undefined.get(0)
          + "' is not defined (not a graph input, an initializer or an earlier output)", nodeName);
    }
    owner.add(Node.of(nodeName, domain, opType, inputs, outputs, List.copyOf(attributes.values())));
    added = true;
    return outputs;
  }

  private OpSchema schema() {
    Long version = owner.model().opsets().get(domain);
    if (version == null) {
      if (!domain.equals(OnnxDefaults.MICROSOFT)) {
        throw new IllegalArgumentException(
            "Building " + qualified() + ": domain '" + OnnxDefaults.displayDomain(domain)
                + "' is not imported; call opset(domain, version) first");
      }
      owner.opset(domain, OnnxDefaults.MICROSOFT_OPSET);
      version = OnnxDefaults.MICROSOFT_OPSET;
    }
    long opset = version;
    return owner.schemas().find(domain, opType, opset).orElseThrow(() -> {
      String why = owner.schemas().firstVersion(domain, opType)
          .map(first -> "needs opset " + first + " or later, the model imports "
              + OnnxDefaults.displayDomain(domain) + " " + opset)
          .orElse("no operator schema is known; add one with OpSchemas.with");
      return new IllegalArgumentException("Building " + qualified() + ": " + why);
    });
  }

  private void fail(String problem, String nodeName) {
    if (problem != null) {
      throw new IllegalArgumentException(
          "Building " + qualified() + ": " + problem + " (node '" + nodeName + "')");
    }
  }

  private String qualified() {
    return OnnxDefaults.displayDomain(domain) + ":" + opType;
  }
}
