package org.mtl4j.graph.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A computation graph: typed inputs and outputs, initializers, and nodes in topological order.
 *
 * <p>Mutable: {@link #nodes()}, {@link #inputs()}, {@link #outputs()}, {@link #valueInfo()} and
 * {@link #initializers()} return the live collections, which edits change directly. Edges are
 * names, so a pass that renames a value rewrites the nodes that use it. {@link #producers()} and
 * {@link #consumers()} are computed on each call. Not thread-safe.
 */
public final class Graph {

  private String name;
  private String docString = "";
  private final List<Node> nodes = new ArrayList<>();
  private final List<Value> inputs = new ArrayList<>();
  private final List<Value> outputs = new ArrayList<>();
  private final List<Value> valueInfo = new ArrayList<>();
  private final Map<String, Tensor> initializers = new LinkedHashMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private byte[] preservedFields = new byte[0];

  /**
   * @param name the graph's name
   */
  public Graph(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * @return the graph's name
   */
  public String name() {
    return name;
  }

  /**
   * @param newName the graph's new name
   * @return this graph
   */
  public Graph setName(String newName) {
    this.name = Objects.requireNonNull(newName, "name");
    return this;
  }

  /**
   * @return documentation; empty when none
   */
  public String docString() {
    return docString;
  }

  /**
   * @param text documentation
   * @return this graph
   */
  public Graph setDocString(String text) {
    this.docString = text == null ? "" : text;
    return this;
  }

  /**
   * @return the nodes in topological order (live list)
   */
  public List<Node> nodes() {
    return nodes;
  }

  /**
   * @return the graph inputs (live list); initializers need not be listed here
   */
  public List<Value> inputs() {
    return inputs;
  }

  /**
   * @return the graph outputs (live list)
   */
  public List<Value> outputs() {
    return outputs;
  }

  /**
   * @return type information for intermediate values (live list); optional in ONNX
   */
  public List<Value> valueInfo() {
    return valueInfo;
  }

  /**
   * @return initializers by name in file order (live map; keys must equal the tensors' names)
   */
  public Map<String, Tensor> initializers() {
    return initializers;
  }

  /**
   * @return the graph's {@code metadata_props} (live map)
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Adds an initializer.
   *
   * @param tensor a named tensor
   * @return this graph
   * @throws IllegalArgumentException when an initializer of that name exists
   */
  public Graph addInitializer(Tensor tensor) {
    if (tensor.name().isEmpty()) {
      throw new IllegalArgumentException("an initializer needs a name");
    }
    if (initializers.putIfAbsent(tensor.name(), tensor) != null) {
      throw new IllegalArgumentException(
          "graph '" + name + "' already has an initializer '" + tensor.name() + "'");
    }
    return this;
  }

  /**
   * @param nodeName a node name
   * @return the node when present
   */
  public Optional<Node> node(String nodeName) {
    return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
  }

  /**
   * @return for each value produced by a node, that node (the last one when a broken graph produces
   *     a value twice)
   */
  public Map<String, Node> producers() {
    Map<String, Node> map = new HashMap<>();
    for (Node n : nodes) {
      for (String out : n.outputs()) {
        if (!out.isEmpty()) {
          map.put(out, n);
        }
      }
    }
    return map;
  }

  /**
   * @return for each value used as a node input, the nodes that use it in graph order
   */
  public Map<String, List<Node>> consumers() {
    Map<String, List<Node>> map = new HashMap<>();
    for (Node n : nodes) {
      for (String in : n.inputs()) {
        if (!in.isEmpty()) {
          map.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        }
      }
    }
    return map;
  }

  /**
   * @return the number of elements over all initializers
   */
  public long parameterCount() {
    return initializers.values().stream().mapToLong(Tensor::elementCount).sum();
  }

  /**
   * @return the bytes of data over all initializers
   */
  public long parameterBytes() {
    return initializers.values().stream().mapToLong(Tensor::byteSize).sum();
  }

  /**
   * Fields of the file's graph that the IR does not model (sparse initializers, quantization
   * annotations), kept as serialized protobuf so that a read and write preserves them.
   *
   * @return the serialized fields; empty when none
   */
  public byte[] preservedFields() {
    return preservedFields.clone();
  }

  /**
   * @param serialized serialized protobuf fields of a GraphProto that the IR does not model
   * @return this graph
   */
  public Graph setPreservedFields(byte[] serialized) {
    this.preservedFields = serialized.clone();
    return this;
  }

  @Override
  public String toString() {
    return "graph '"
        + name
        + "' ("
        + nodes.size()
        + " nodes, "
        + initializers.size()
        + " initializers)";
  }
}
