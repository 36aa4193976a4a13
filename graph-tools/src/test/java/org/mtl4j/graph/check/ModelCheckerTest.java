package org.mtl4j.graph.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;

/** Each structural rule gives a message naming the node or value. */
class ModelCheckerTest {

  private final Graph g = new Graph("g");
  private final Model model = new Model(g).importOpset("", 17);

  ModelCheckerTest() {
    g.inputs().add(new Value("x", ElemType.FLOAT, Shape.of("batch", 4)));
    g.outputs().add(new Value("y", ElemType.FLOAT, Shape.of("batch", 4)));
  }

  private static Node node(String name, String op, List<String> in, String... out) {
    return Node.of(name, "", op, in, List.of(out), List.of());
  }

  @Test
  void aValidGraphHasNoProblems() {
    g.addInitializer(Tensor.floats("b", new long[] {4}, 1, 2, 3, 4));
    g.nodes().add(node("add", "Add", List.of("x", "b"), "s"));
    g.nodes().add(node("relu", "Relu", List.of("s"), "y"));
    assertThat(ModelChecker.check(model)).isEmpty();
  }

  @Test
  void nodesOutOfTopologicalOrder() {
    g.nodes().add(node("second", "Relu", List.of("s"), "y"));
    g.nodes().add(node("first", "Relu", List.of("x"), "s"));
    assertThat(ModelChecker.check(model))
        .containsExactly(
            "node 'second' (ai.onnx:Relu): input 's' is produced later, by node 'first'"
                + " (ai.onnx:Relu); nodes are not in topological order");
  }

  @Test
  void aLongChainIsCheckedWithoutExhaustingTheStack() {
    String previous = "x";
    for (int i = 0; i < 50_000; i++) {
      String out = i == 49_999 ? "y" : "v" + i;
      g.nodes().add(node("n" + i, "Relu", List.of(previous), out));
      previous = out;
    }
    assertThat(ModelChecker.check(model)).isEmpty();
    g.nodes().set(0, node("n0", "Add", List.of("x", "v49998"), "v0"));
    assertThat(ModelChecker.check(model))
        .singleElement()
        .asString()
        .startsWith(
            "nodes form a cycle (each uses an output of the next): 'n0' (ai.onnx:Add)"
                + " -> 'n49998' (ai.onnx:Relu) -> 'n49997' (ai.onnx:Relu)")
        .endsWith("'n1' (ai.onnx:Relu) -> 'n0' (ai.onnx:Add)");
  }

  @Test
  void namesAndValuesMustBeUnique() {
    g.addInitializer(Tensor.floats("b", new long[] {4}, 1, 2, 3, 4));
    g.nodes().add(node("n", "Relu", List.of("x"), "s"));
    g.nodes().add(node("n", "Relu", List.of("x"), "s"));
    g.nodes().add(node("m", "Relu", List.of("s"), "b"));
    g.nodes().add(node("k", "Relu", List.of("s"), "y"));
    assertThat(ModelChecker.check(model))
        .containsExactly(
            "node 'n' (ai.onnx:Relu): the name is used by another node",
            "node 'n' (ai.onnx:Relu): output 's' is also produced by node 'n' (ai.onnx:Relu)",
            "node 'm' (ai.onnx:Relu): output 'b' is also a graph input or initializer");
  }

  @Test
  void initializerKeysMatchTensorNames() {
    g.initializers().put("b", Tensor.floats("c", new long[] {1}, 1f));
    g.nodes().add(node("add", "Add", List.of("x", "b"), "y"));
    assertThat(ModelChecker.check(model))
        .containsExactly("initializer 'b' holds a tensor named 'c'");
  }

  @Test
  void graphInputsAndOutputsMustBeTypedAndDefined() {
    g.inputs().add(Value.untyped("mask"));
    g.inputs().add(new Value("ids", ElemType.INT64, null));
    assertThat(ModelChecker.check(model))
        .containsExactly(
            "graph input 'mask' has no element type",
            "graph input 'ids' has no shape (its rank must be known)",
            "graph output 'y' is not produced by any node, graph input or initializer");
  }

  @Test
  void knownOperatorsAreCheckedAgainstTheirSchema() {
    g.nodes().add(node("mm", "MatMul", List.of("x"), "m"));
    g.nodes().add(node("cast", "Cast", List.of("m"), "y"));
    assertThat(ModelChecker.check(model))
        .containsExactly(
            "node 'mm' (ai.onnx:MatMul): expected 2 inputs, got 1",
            "node 'cast' (ai.onnx:Cast): missing required attribute 'to'");
  }

  @Test
  void theDefaultDomainMustBeImported() {
    Model bare = new Model(g);
    g.nodes().add(node("relu", "Relu", List.of("x"), "y"));
    assertThat(ModelChecker.check(bare))
        .containsExactly(
            "model: the default domain ai.onnx is used but not imported",
            "node 'relu' (ai.onnx:Relu): domain 'ai.onnx' is not imported by the model");
  }

  @Test
  void subgraphsSeeOuterValuesAndAreChecked() {
    g.inputs().add(new Value("flag", ElemType.BOOL, Shape.of()));
    Graph thenBranch = new Graph("then");
    thenBranch.outputs().add(Value.untyped("t"));
    thenBranch.nodes().add(node("t_relu", "Relu", List.of("x"), "t"));
    Graph elseBranch = new Graph("else");
    elseBranch.outputs().add(Value.untyped("e"));
    elseBranch.nodes().add(node("e_relu", "Relu", List.of("missing"), "e"));
    g.nodes()
        .add(
            Node.of(
                "if",
                "",
                "If",
                List.of("flag"),
                List.of("y"),
                List.of(
                    new Attribute.GraphAttr("then_branch", thenBranch),
                    new Attribute.GraphAttr("else_branch", elseBranch))));
    assertThat(ModelChecker.check(model))
        .containsExactly(
            "node 'e_relu' (ai.onnx:Relu): input 'missing' is not defined by a graph input, an"
                + " initializer or an earlier node");
  }
}
