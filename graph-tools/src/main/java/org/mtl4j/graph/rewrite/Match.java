package org.mtl4j.graph.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;

/** The bindings of a matched {@link Pattern}: nodes, values and constants by label. */
public final class Match {

  final List<Node> matched = new ArrayList<>();
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, Tensor> constants = new HashMap<>();

  Match() {}

  /**
   * @param label a node label ({@link Pattern.Op#as})
   * @return the node bound to it
   */
  public Node node(String label) {
    return require(nodes, label);
  }

  /**
   * @param label a value or constant label
   * @return the value bound to it
   */
  public String value(String label) {
    return require(values, label);
  }

  /**
   * @param label a constant label
   * @return the constant bound to it
   */
  public Tensor constant(String label) {
    return require(constants, label);
  }

  /**
   * @return every node the pattern matched, root first
   */
  public List<Node> nodes() {
    return List.copyOf(matched);
  }

  /**
   * Whether the matched nodes other than the root can be removed once the root is replaced: none of
   * their outputs is a graph output or read by a node outside the match.
   *
   * @param g the graph
   * @param root the node the match started at
   * @return whether the match's interior is private to it
   */
  public boolean interiorIsPrivate(GraphEditor g, Node root) {
    for (Node n : matched) {
      if (n == root) {
        continue;
      }
      for (String out : n.outputs()) {
        if (out.isEmpty()) {
          continue;
        }
        if (g.isGraphOutput(out)) {
          return false;
        }
        for (Node c : g.consumers(out)) {
          if (matched.stream().noneMatch(x -> x == c)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  boolean bindNode(String label, Node n) {
    Node old = nodes.putIfAbsent(label, n);
    return old == null || old == n;
  }

  boolean bindValue(String label, String value) {
    String old = values.putIfAbsent(label, value);
    return old == null || old.equals(value);
  }

  boolean bindConstant(String label, Tensor t) {
    constants.put(label, t);
    return true;
  }

  Match copy() {
    Match m = new Match();
    m.restore(this);
    return m;
  }

  void restore(Match from) {
    matched.clear();
    matched.addAll(from.matched);
    nodes.clear();
    nodes.putAll(from.nodes);
    values.clear();
    values.putAll(from.values);
    constants.clear();
    constants.putAll(from.constants);
  }

  private static <T> T require(Map<String, T> map, String label) {
    T t = map.get(label);
    if (t == null) {
      throw new IllegalArgumentException("the match binds nothing to '" + label + "'");
    }
    return t;
  }
}
