package org.mtl4j.graph.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;

/**
 * Edits a model's main graph while keeping, for every value, its producing node and its consuming
 * nodes up to date. Every change goes through this class: {@link #add}, {@link #remove}, {@link
 * #replace}, {@link #replaceUses}, {@link #addInitializer}. Nodes may be added in any order; {@link
 * #sortTopologically()} restores ONNX's order (passes call it through the pipeline). Names made by
 * {@link #uniqueName} never clash with a value, node or initializer of the graph. Not thread-safe.
 */
public final class GraphEditor {

  private final Model model;
  private final Graph graph;
  private final Map<String, Node> producers = new HashMap<>();
  private final Map<String, List<Node>> consumers = new HashMap<>();
  private final Set<String> names = new HashSet<>();
  private final Map<String, Integer> suffixes = new HashMap<>();

  /**
   * @param model the model whose main graph is edited in place
   */
  public GraphEditor(Model model) {
    this.model = Objects.requireNonNull(model, "model");
    this.graph = model.graph();
    for (Node n : graph.nodes()) {
      index(n);
    }
    graph.inputs().forEach(v -> names.add(v.name()));
    graph.outputs().forEach(v -> names.add(v.name()));
    graph.valueInfo().forEach(v -> names.add(v.name()));
    names.addAll(graph.initializers().keySet());
  }

  /**
   * @return the model being edited
   */
  public Model model() {
    return model;
  }

  /**
   * @return the graph being edited
   */
  public Graph graph() {
    return graph;
  }

  /**
   * @return the nodes, in their current order (a copy)
   */
  public List<Node> nodes() {
    return List.copyOf(graph.nodes());
  }

  /**
   * @param value a value name
   * @return the node producing it; empty for graph inputs, initializers and unknown names
   */
  public Optional<Node> producer(String value) {
    return Optional.ofNullable(producers.get(value));
  }

  /**
   * @param value a value name
   * @return the nodes using it as an input, in no particular order (a copy)
   */
  public List<Node> consumers(String value) {
    return List.copyOf(consumers.getOrDefault(value, List.of()));
  }

  /**
   * @param value a value name
   * @return whether it is one of the graph's outputs
   */
  public boolean isGraphOutput(String value) {
    return graph.outputs().stream().anyMatch(v -> v.name().equals(value));
  }

  /**
   * @param value a value name
   * @return whether it is one of the graph's declared inputs
   */
  public boolean isGraphInput(String value) {
    return graph.inputs().stream().anyMatch(v -> v.name().equals(value));
  }

  /**
   * @param value a value name
   * @return the graph input of that name
   */
  public Optional<Value> graphInput(String value) {
    return graph.inputs().stream().filter(v -> v.name().equals(value)).findFirst();
  }

  /**
   * @param value a value name
   * @return whether anything reads it: a node or the graph's outputs
   */
  public boolean isUsed(String value) {
    return !consumers.getOrDefault(value, List.of()).isEmpty() || isGraphOutput(value);
  }

  /**
   * The constant a value holds: an initializer that is not also a graph input (which a caller could
   * override), or the output of a {@code Constant} node with a {@code value} attribute.
   *
   * @param value a value name
   * @return the tensor, named as the value
   */
  public Optional<Tensor> constant(String value) {
    Tensor t = graph.initializers().get(value);
    if (t != null) {
      return isGraphInput(value) ? Optional.empty() : Optional.of(t);
    }
    Node p = producers.get(value);
    if (p != null && p.domain().isEmpty() && p.opType().equals("Constant")) {
      return p.attribute("value")
          .filter(a -> a instanceof Attribute.TensorAttr)
          .map(a -> ((Attribute.TensorAttr) a).value().withName(value));
    }
    return Optional.empty();
  }

  /**
   * @param base a name's stem
   * @return a name no value, node or initializer of the graph has yet; reserved from now on
   */
  public String uniqueName(String base) {
    String name = base;
    if (names.contains(name)) {
      int n = suffixes.getOrDefault(base, 1);
      while (names.contains(base + "_" + n)) {
        n++;
      }
      suffixes.put(base, n + 1);
      name = base + "_" + n;
    }
    names.add(name);
    return name;
  }

  /**
   * Adds an initializer under a unique name derived from the tensor's.
   *
   * @param tensor the data
   * @return the initializer's name
   */
  public String addInitializer(Tensor tensor) {
    String name = uniqueName(tensor.name().isEmpty() ? "const" : tensor.name());
    graph.addInitializer(tensor.withName(name));
    return name;
  }

  /**
   * Removes an initializer nothing reads any more.
   *
   * @param name the initializer's name
   * @throws IllegalStateException when something still reads it
   */
  public void removeInitializer(String name) {
    if (isUsed(name)) {
      throw new IllegalStateException("initializer '" + name + "' is still used");
    }
    graph.initializers().remove(name);
    graph.inputs().removeIf(v -> v.name().equals(name));
  }

  /**
   * Adds a node at the end of the node list (call {@link #sortTopologically()} once a rewrite is
   * complete). Its outputs must not be produced by another node.
   *
   * @param node the node; an empty name is replaced by a unique one
   * @return the node as added
   */
  public Node add(Node node) {
    Node named = node;
    if (node.name().isEmpty()
        || (names.contains(node.name()) && graph.node(node.name()).isPresent())) {
      named =
          new Node(
              uniqueName(node.name().isEmpty() ? node.opType() : node.name()),
              node.domain(),
              node.opType(),
              node.inputs(),
              node.outputs(),
              node.attributes(),
              node.docString());
    }
    for (String out : named.outputs()) {
      if (!out.isEmpty() && producers.containsKey(out)) {
        throw new IllegalStateException(
            "value '" + out + "' is already produced by " + producers.get(out));
      }
    }
    if (!named.domain().isEmpty() && !model.opsets().containsKey(named.domain())) {
      model.importOpset(named.domain(), OnnxDefaults.MICROSOFT_OPSET);
    }
    graph.nodes().add(named);
    index(named);
    return named;
  }

  /**
   * Makes a node under a unique name and adds it.
   *
   * @param domain the domain ({@code ""} for ai.onnx)
   * @param opType the operator
   * @param inputs input value names
   * @param outputs output value names
   * @param attributes attributes
   * @return the node as added
   */
  public Node add(
      String domain,
      String opType,
      List<String> inputs,
      List<String> outputs,
      List<Attribute> attributes) {
    return add(Node.of(uniqueName(opType), domain, opType, inputs, outputs, attributes));
  }

  /**
   * Removes a node. Its outputs lose their producer; readers of them must be rewired or removed by
   * the caller.
   *
   * @param node a node of the graph
   */
  public void remove(Node node) {
    if (!removeIdentical(graph.nodes(), node)) {
      throw new IllegalArgumentException("node " + node + " is not in the graph");
    }
    unindex(node);
  }

  /**
   * Removes nodes (see {@link #remove}).
   *
   * @param nodes nodes of the graph
   */
  public void removeAll(Collection<Node> nodes) {
    Set<Node> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(nodes);
    graph.nodes().removeIf(gone::contains);
    gone.forEach(this::unindex);
  }

  /**
   * Replaces a node by another in place (same position).
   *
   * @param old a node of the graph
   * @param replacement the new node
   * @return the replacement
   */
  public Node replace(Node old, Node replacement) {
    List<Node> list = graph.nodes();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == old) {
        unindex(old);
        list.set(i, replacement);
        index(replacement);
        return replacement;
      }
    }
    throw new IllegalArgumentException("node " + old + " is not in the graph");
  }

  /**
   * Makes every reader of {@code oldValue} read {@code newValue} instead. When {@code oldValue} is
   * a graph output, the output keeps its name: the producer of {@code newValue} is renamed to write
   * {@code oldValue} when that is safe, otherwise an Identity is inserted.
   *
   * @param oldValue the value to retire
   * @param newValue the value that takes its place
   */
  public void replaceUses(String oldValue, String newValue) {
    if (oldValue.equals(newValue)) {
      return;
    }
    for (Node c : consumers(oldValue)) {
      List<String> ins = new ArrayList<>(c.inputs());
      ins.replaceAll(v -> v.equals(oldValue) ? newValue : v);
      replace(c, c.withInputs(ins));
    }
    if (isGraphOutput(oldValue)) {
      Node p = producers.get(newValue);
      if (p != null
          && !isGraphOutput(newValue)
          && !producers.containsKey(oldValue)
          && !isGraphInput(newValue)) {
        rename(p, newValue, oldValue);
      } else if (!producers.containsKey(oldValue)) {
        add(
            Node.of(
                uniqueName("Identity"),
                "",
                "Identity",
                List.of(newValue),
                List.of(oldValue),
                List.of()));
      } else {
        throw new IllegalStateException("graph output '" + oldValue + "' still has a producer");
      }
    }
  }

  /** Renames a node's output and every reader of it. */
  private void rename(Node producer, String from, String to) {
    List<String> outs = new ArrayList<>(producer.outputs());
    outs.replaceAll(v -> v.equals(from) ? to : v);
    replace(producer, producer.withOutputs(outs));
    for (Node c : consumers(from)) {
      List<String> ins = new ArrayList<>(c.inputs());
      ins.replaceAll(v -> v.equals(from) ? to : v);
      replace(c, c.withInputs(ins));
    }
  }

  /**
   * Reorders the nodes so that every node comes after the producers of its inputs, keeping the
   * current order where it already is one (a stable Kahn sort).
   *
   * @throws IllegalStateException naming a node on a cycle
   */
  public void sortTopologically() {
    List<Node> list = graph.nodes();
    Map<Node, Integer> position = new IdentityHashMap<>();
    Map<Node, Integer> pending = new IdentityHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      position.put(list.get(i), i);
    }
    for (Node n : list) {
      pending.put(n, distinctProducers(n).size());
    }
    PriorityQueue<Node> ready = new PriorityQueue<>(Comparator.comparingInt(position::get));
    list.stream().filter(n -> pending.get(n) == 0).forEach(ready::add);
    List<Node> sorted = new ArrayList<>(list.size());
    while (!ready.isEmpty()) {
      Node n = ready.poll();
      sorted.add(n);
      for (Node c : distinctConsumers(n)) {
        if (pending.merge(c, -1, Integer::sum) == 0) {
          ready.add(c);
        }
      }
    }
    if (sorted.size() != list.size()) {
      Node stuck = list.stream().filter(n -> pending.get(n) > 0).findFirst().orElseThrow();
      throw new IllegalStateException("the graph has a cycle through node " + stuck);
    }
    list.clear();
    list.addAll(sorted);
  }

  private Set<Node> distinctProducers(Node n) {
    Set<Node> deps = Collections.newSetFromMap(new IdentityHashMap<>());
    for (String in : n.inputs()) {
      Node p = producers.get(in);
      if (p != null && p != n) {
        deps.add(p);
      }
    }
    return deps;
  }

  private Set<Node> distinctConsumers(Node n) {
    Set<Node> users = Collections.newSetFromMap(new IdentityHashMap<>());
    for (String out : n.outputs()) {
      for (Node c : consumers.getOrDefault(out, List.of())) {
        if (c != n) {
          users.add(c);
        }
      }
    }
    return users;
  }

  /**
   * Removes nodes whose outputs nothing reads, repeatedly, and initializers nothing reads.
   *
   * @return how many nodes and initializers were removed
   */
  public int removeUnused() {
    int removed = 0;
    Deque<Node> work = new ArrayDeque<>(graph.nodes());
    while (!work.isEmpty()) {
      Node n = work.pollLast();
      if (!containsIdentical(graph.nodes(), n)) {
        continue;
      }
      boolean used = n.outputs().stream().anyMatch(o -> !o.isEmpty() && isUsed(o));
      if (!used) {
        remove(n);
        removed++;
        for (String in : n.inputs()) {
          producer(in).ifPresent(work::add);
        }
      }
    }
    Set<String> inputs = new HashSet<>();
    graph.inputs().forEach(v -> inputs.add(v.name()));
    for (String name : new ArrayList<>(graph.initializers().keySet())) {
      if (!isUsed(name) && !inputs.contains(name)) {
        graph.initializers().remove(name);
        removed++;
      }
    }
    return removed;
  }

  /**
   * @return node count by {@code domain:opType} ({@code ai.onnx} spelled out), in first-seen order
   */
  public Map<String, Integer> opCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    graph.nodes().forEach(n -> counts.merge(n.qualifiedOp(), 1, Integer::sum));
    return counts;
  }

  private void index(Node n) {
    names.add(n.name());
    for (String out : n.outputs()) {
      if (!out.isEmpty()) {
        producers.put(out, n);
        names.add(out);
      }
    }
    for (String in : n.inputs()) {
      if (!in.isEmpty()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
    }
  }

  private void unindex(Node n) {
    for (String out : n.outputs()) {
      if (!out.isEmpty() && producers.get(out) == n) {
        producers.remove(out);
      }
    }
    for (String in : n.inputs()) {
      List<Node> list = consumers.get(in);
      if (list != null) {
        removeIdentical(list, n);
        if (list.isEmpty()) {
          consumers.remove(in);
        }
      }
    }
  }

  private static boolean removeIdentical(List<Node> list, Node n) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == n) {
        list.remove(i);
        return true;
      }
    }
    return false;
  }

  private static boolean containsIdentical(List<Node> list, Node n) {
    for (Node m : list) {
      if (m == n) {
        return true;
      }
    }
    return false;
  }
}
