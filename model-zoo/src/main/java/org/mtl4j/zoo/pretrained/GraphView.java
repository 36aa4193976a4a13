package org.mtl4j.zoo.pretrained;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.zoo.ModelFormatException;

/**
 * Navigation over an ONNX graph for structure recovery: producers, consumers (ignoring the {@code
 * Shape} nodes that dynamic reshapes hang off every value), and constants that are initializers or
 * {@code Constant} nodes.
 */
final class GraphView {

  private final Graph graph;
  private final String source;
  private final Map<String, Node> producers;
  private final Map<String, List<Node>> consumers;

  GraphView(Graph graph, String source) {
    this.graph = graph;
    this.source = source;
    this.producers = graph.producers();
    this.consumers = graph.consumers();
  }

  Graph graph() {
    return graph;
  }

  /** Consumers of a value that compute with it (Shape nodes only read its dimensions). */
  List<Node> users(String value) {
    return consumers.getOrDefault(value, List.of()).stream()
        .filter(n -> !n.opType().equals("Shape"))
        .toList();
  }

  Optional<Node> producer(String value) {
    return Optional.ofNullable(producers.get(value));
  }

  /** The constant behind a value: an initializer or the output of a Constant node. */
  Optional<Tensor> constant(String value) {
    Tensor init = graph.initializers().get(value);
    if (init != null) {
      return Optional.of(init);
    }
    Node p = producers.get(value);
    if (p != null && p.opType().equals("Constant")) {
      return p.attribute("value")
          .filter(a -> a instanceof Attribute.TensorAttr)
          .map(a -> ((Attribute.TensorAttr) a).value());
    }
    return Optional.empty();
  }

  /** A float constant of the given rank behind a value. */
  Optional<Tensor> floatConstant(String value, int rank) {
    return constant(value).filter(t -> t.elemType() == ElemType.FLOAT && t.rank() == rank);
  }

  /** The single scalar of a float constant. */
  Optional<Float> floatScalar(String value) {
    return constant(value)
        .filter(t -> t.elemType() == ElemType.FLOAT && t.elementCount() == 1)
        .map(t -> t.toFloatArray()[0]);
  }

  /** The single element of an integer constant. */
  Optional<Long> longScalar(String value) {
    return constant(value)
        .filter(t -> t.elemType() == ElemType.INT64 && t.elementCount() == 1)
        .map(t -> t.toLongArray()[0]);
  }

  /** The only user of a value, or an error naming the value. */
  Node onlyUser(String value, String expecting) {
    List<Node> users = users(value);
    if (users.size() != 1) {
      throw fail(
          "expected "
              + expecting
              + " as the only user of '"
              + value
              + "', found "
              + users.stream().map(Node::opType).toList());
    }
    return users.get(0);
  }

  /** The only user of a value with the given operator. */
  Node onlyUser(String value, String opType, String expecting) {
    Node n = onlyUser(value, expecting);
    if (!n.opType().equals(opType)) {
      throw fail(
          "expected "
              + expecting
              + " ("
              + opType
              + ") after '"
              + value
              + "', found "
              + n.opType()
              + " '"
              + n.name()
              + "'");
    }
    return n;
  }

  /** The input of a two-input node that is not the given one. */
  String otherInput(Node node, String known) {
    if (node.inputs().size() != 2) {
      throw fail("node '" + node.name() + "' (" + node.opType() + ") should have two inputs");
    }
    return node.inputs().get(0).equals(known) ? node.inputs().get(1) : node.inputs().get(0);
  }

  /**
   * Breadth-first search forward from a value for the first node that satisfies a predicate.
   *
   * @param start where to start
   * @param target what to find
   * @param seen collects the nodes passed on the way (not including the target)
   * @param limit how many nodes to visit at most
   */
  Optional<Node> findForward(String start, Predicate<Node> target, Set<Node> seen, int limit) {
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
    Set<String> visited = new HashSet<>();
    while (!queue.isEmpty() && visited.size() < limit) {
      String v = queue.poll();
      if (!visited.add(v)) {
        continue;
      }
      for (Node n : users(v)) {
        if (target.test(n)) {
          return Optional.of(n);
        }
        seen.add(n);
        queue.addAll(n.outputs());
      }
    }
    return Optional.empty();
  }

  /** Whether a value is computed, within a few steps back, by the given operator. */
  boolean producedVia(String value, String opType, int depth) {
    Optional<Node> p = producer(value);
    if (p.isEmpty() || depth == 0) {
      return false;
    }
    if (p.get().opType().equals(opType)) {
      return true;
    }
    return p.get().inputs().stream().anyMatch(in -> producedVia(in, opType, depth - 1));
  }

  ModelFormatException fail(String message) {
    return new ModelFormatException(source + ": " + message);
  }
}
