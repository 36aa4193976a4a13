package org.mtl4j.graph.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.build.OpSchema;
import org.mtl4j.graph.build.OpSchemas;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Value;

/**
 * Structural validation of a model, in the spirit of {@code onnx.checker}:
 *
 * <ul>
 *   <li>an ai.onnx opset is imported, and every node's domain is imported;
 *   <li>nodes are in topological order and form no cycle;
 *   <li>every node input is a graph input, an initializer, an earlier node's output or an outer
 *       graph's value (an empty name is an omitted optional input);
 *   <li>node names and produced values are unique;
 *   <li>the main graph's inputs and outputs have an element type and a rank, and every output is
 *       defined;
 *   <li>nodes of known operators have an allowed number of inputs and outputs and their required
 *       attributes.
 * </ul>
 *
 * Each problem is one message naming the node (or value) and what is wrong. Subgraphs (If, Loop)
 * are checked too, seeing the values of their enclosing graphs.
 */
public final class ModelChecker {

  private static final int MAX_REPORTED = 20;

  private final Model model;
  private final OpSchemas schemas;
  private final List<String> problems = new ArrayList<>();

  private ModelChecker(Model model, OpSchemas schemas) {
    this.model = model;
    this.schemas = schemas;
  }

  /**
   * @param model the model
   * @return every problem found, in graph order; empty when the model is valid
   */
  public static List<String> check(Model model) {
    return check(model, OpSchemas.standard());
  }

  /**
   * @param model the model
   * @param schemas the schemas known operators are checked against
   * @return every problem found, in graph order; empty when the model is valid
   */
  public static List<String> check(Model model, OpSchemas schemas) {
    ModelChecker checker = new ModelChecker(model, schemas);
    checker.checkModel();
    return List.copyOf(checker.problems);
  }

  /**
   * @param model the model
   * @return the model, when it is valid
   * @throws OnnxFormatException listing the problems (at most 20, then a count)
   */
  public static Model requireValid(Model model) {
    List<String> found = check(model);
    if (!found.isEmpty()) {
      String listed = found.stream().limit(MAX_REPORTED).collect(Collectors.joining("\n  "));
      String more =
          found.size() > MAX_REPORTED
              ? "\n  ... and " + (found.size() - MAX_REPORTED) + " more"
              : "";
      throw new OnnxFormatException(
          "invalid model ("
              + found.size()
              + " problem"
              + (found.size() == 1 ? "" : "s")
              + "):\n  "
              + listed
              + more);
    }
    return model;
  }

  private void checkModel() {
    if (model.irVersion() <= 0) {
      problems.add("model: IR version " + model.irVersion() + " is not valid");
    }
    if (!model.opsets().containsKey(OnnxDefaults.AI_ONNX)
        && model.graph().nodes().stream().anyMatch(n -> n.domain().isEmpty())) {
      problems.add("model: the default domain ai.onnx is used but not imported");
    }
    Graph main = model.graph();
    for (Value v : main.inputs()) {
      requireTyped(v, "graph input");
    }
    for (Value v : main.outputs()) {
      requireTyped(v, "graph output");
    }
    checkGraph(main, Set.of());
  }

  private void requireTyped(Value v, String what) {
    if (v.elemType() == ElemType.UNDEFINED) {
      problems.add(what + " '" + v.name() + "' has no element type");
    } else if (v.shape() == null) {
      problems.add(what + " '" + v.name() + "' has no shape (its rank must be known)");
    }
  }

  private void checkGraph(Graph graph, Set<String> outer) {
    Set<String> defined = new HashSet<>(outer);
    Set<String> graphValues = new HashSet<>();
    for (Value v : graph.inputs()) {
      if (!graphValues.add(v.name())) {
        problems.add("graph input '" + v.name() + "' is listed twice");
      }
    }
    graph
        .initializers()
        .forEach(
            (key, tensor) -> {
              if (!key.equals(tensor.name())) {
                problems.add(
                    "initializer '" + key + "' holds a tensor named '" + tensor.name() + "'");
              }
            });
    graphValues.addAll(graph.initializers().keySet());
    defined.addAll(graphValues);

    Map<String, Node> producer = new HashMap<>();
    Set<String> nodeNames = new HashSet<>();
    for (Node n : graph.nodes()) {
      if (!n.name().isEmpty() && !nodeNames.add(n.name())) {
        problems.add("node " + n + ": the name is used by another node");
      }
      for (String out : n.outputs()) {
        if (out.isEmpty()) {
          continue;
        }
        Node earlier = producer.putIfAbsent(out, n);
        if (earlier != null) {
          problems.add("node " + n + ": output '" + out + "' is also produced by node " + earlier);
        } else if (graphValues.contains(out)) {
          problems.add("node " + n + ": output '" + out + "' is also a graph input or initializer");
        }
      }
    }

    boolean cyclic = reportCycle(graph, producer);
    for (Node n : graph.nodes()) {
      checkNode(n, defined, producer, cyclic);
      for (String out : n.outputs()) {
        if (!out.isEmpty()) {
          defined.add(out);
        }
      }
    }
    for (Value v : graph.outputs()) {
      if (!defined.contains(v.name())) {
        problems.add(
            "graph output '"
                + v.name()
                + "' is not produced by any node, graph input or initializer");
      }
    }
  }

  private void checkNode(Node n, Set<String> defined, Map<String, Node> producer, boolean cyclic) {
    Long opset = model.opsets().get(n.domain());
    if (opset == null) {
      problems.add(
          "node "
              + n
              + ": domain '"
              + OnnxDefaults.displayDomain(n.domain())
              + "' is not imported by the model");
    } else {
      schemas.find(n.domain(), n.opType(), opset).ifPresent(s -> checkSignature(n, s));
    }
    for (String in : n.inputs()) {
      if (in.isEmpty() || defined.contains(in)) {
        continue;
      }
      Node later = producer.get(in);
      if (later == null) {
        problems.add(
            "node "
                + n
                + ": input '"
                + in
                + "' is not defined by a graph input, an initializer or an earlier node");
      } else if (!cyclic) {
        problems.add(
            "node "
                + n
                + ": input '"
                + in
                + "' is produced later, by node "
                + later
                + "; nodes are not in topological order");
      }
    }
    for (Attribute a : n.attributes()) {
      if (a instanceof Attribute.GraphAttr g) {
        checkGraph(g.value(), defined);
      } else if (a instanceof Attribute.GraphsAttr gs) {
        gs.values().forEach(g -> checkGraph(g, defined));
      }
    }
  }

  private void checkSignature(Node n, OpSchema schema) {
    schema
        .problems(n.inputs(), n.outputs().size(), a -> n.attribute(a).isPresent())
        .forEach(p -> problems.add("node " + n + ": " + p));
  }

  private boolean reportCycle(Graph graph, Map<String, Node> producer) {
    List<Node> nodes = graph.nodes();
    Map<Node, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i), i);
    }
    int[] state = new int[nodes.size()]; // 0 unvisited, 1 on the current path, 2 done
    for (int start = 0; start < nodes.size(); start++) {
      if (state[start] != 0) {
        continue;
      }
      List<int[]> path = new ArrayList<>(); // {node index, next input to follow}
      path.add(new int[] {start, 0});
      state[start] = 1;
      while (!path.isEmpty()) {
        int[] top = path.get(path.size() - 1);
        List<String> inputs = nodes.get(top[0]).inputs();
        if (top[1] == inputs.size()) {
          state[top[0]] = 2;
          path.remove(path.size() - 1);
          continue;
        }
        String in = inputs.get(top[1]++);
        Node p = in.isEmpty() ? null : producer.get(in);
        if (p == null) {
          continue;
        }
        int next = index.get(p);
        if (state[next] == 1) {
          problems.add(
              "nodes form a cycle (each uses an output of the next): "
                  + cycleText(nodes, path, next));
          return true;
        }
        if (state[next] == 0) {
          state[next] = 1;
          path.add(new int[] {next, 0});
        }
      }
    }
    return false;
  }

  private static String cycleText(List<Node> nodes, List<int[]> path, int repeated) {
    StringBuilder b = new StringBuilder();
    boolean inCycle = false;
    for (int[] frame : path) {
      inCycle |= frame[0] == repeated;
      if (inCycle) {
        b.append(nodes.get(frame[0])).append(" -> ");
      }
    }
    return b.append(nodes.get(repeated)).toString();
  }
}
