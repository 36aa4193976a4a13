package org.mtl4j.graph.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;

/**
 * One node being built by a {@link GraphBuilder}: set inputs and attributes, then call an {@code
 * out} method, which checks the node against its schema, adds it and returns the output names. A
 * builder adds at most one node.
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
   * @param key attribute name, e.g. Cast's {@code to}
   * @param type an element type, stored as its {@code TensorProto.DataType} number (INT)
   * @return this builder
   */
  public NodeBuilder attr(String key, ElemType type) {
    return attr(Attribute.of(key, (long) type.code()));
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
    String nodeName = reserve(check(count));
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
    String nodeName = check(names.length);
    List<String> given = List.of(names);
    for (String n : given) {
      if (!n.isEmpty() && (owner.isUsed(n) || given.indexOf(n) != given.lastIndexOf(n))) {
        fail("output name '" + n + "' is already used", nodeName);
      }
    }
    given.stream().filter(n -> !n.isEmpty()).forEach(owner::reserve);
    return add(reserve(nodeName), given);
  }

  /** Reserves the checked node name: the given one, or the same fresh one {@code check} saw. */
  private String reserve(String checkedName) {
    if (name == null) {
      return owner.uniqueName(opType);
    }
    owner.reserve(checkedName);
    return checkedName;
  }

  /**
   * Checks the node against its schema and the graph without changing anything.
   *
   * @return the node's name: the one given, or a fresh one
   */
  private String check(int outputCount) {
    if (added) {
      throw new IllegalStateException("Building " + qualified() + ": node already added");
    }
    String nodeName = name != null ? name : owner.freshName(opType);
    if (name != null && owner.isUsed(name)) {
      throw new IllegalArgumentException("node name '" + name + "' is already used");
    }
    for (String problem : schema().problems(inputs, outputCount, attributes::containsKey)) {
      fail(problem, nodeName);
    }
    List<String> undefined = owner.undefinedAmong(inputs);
    if (!undefined.isEmpty()) {
      fail(
          "input '"
              + undefined.get(0)
              + "' is not defined (not a graph input, an initializer or an earlier output)",
          nodeName);
    }
    return nodeName;
  }

  private List<String> add(String nodeName, List<String> outputs) {
    if (!owner.model().opsets().containsKey(domain)) {
      owner.opset(domain, OnnxDefaults.MICROSOFT_OPSET); // only com.microsoft gets this far
    }
    owner.add(Node.of(nodeName, domain, opType, inputs, outputs, List.copyOf(attributes.values())));
    added = true;
    return outputs;
  }

  private OpSchema schema() {
    Long imported = owner.model().opsets().get(domain);
    if (imported == null && !domain.equals(OnnxDefaults.MICROSOFT)) {
      throw new IllegalArgumentException(
          "Building "
              + qualified()
              + ": domain '"
              + OnnxDefaults.displayDomain(domain)
              + "' is not imported; call opset(domain, version) first");
    }
    long opset = imported != null ? imported : OnnxDefaults.MICROSOFT_OPSET;
    return owner
        .schemas()
        .find(domain, opType, opset)
        .orElseThrow(
            () -> {
              String why =
                  owner
                      .schemas()
                      .firstVersion(domain, opType)
                      .map(
                          first ->
                              "needs opset "
                                  + first
                                  + " or later, the model imports "
                                  + OnnxDefaults.displayDomain(domain)
                                  + " "
                                  + opset)
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
