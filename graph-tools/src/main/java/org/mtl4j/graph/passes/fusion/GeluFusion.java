package org.mtl4j.graph.passes.fusion;

import static org.mtl4j.graph.rewrite.Pattern.any;
import static org.mtl4j.graph.rewrite.Pattern.op;
import static org.mtl4j.graph.rewrite.Pattern.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.GraphEditor;
import org.mtl4j.graph.rewrite.Match;
import org.mtl4j.graph.rewrite.Pattern;

/**
 * Fuses GELU written out in elementary operators into ONNX Runtime's contrib operators: the erf
 * form {@code 0.5·x·(1 + erf(x/√2))} into {@code Gelu}, or {@code BiasGelu} when {@code x} is a
 * MatMul plus a bias vector; the tanh form {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))} into
 * {@code FastGelu} (with the bias as its second input when there is one). The products may be
 * grouped in any of the three ways exporters write them.
 */
public final class GeluFusion implements GraphPass {

  private static final double SQRT2 = Math.sqrt(2.0);

  private static final List<Pattern.Op> ERF =
      concat(
          outerForms(erfTerm(op("Div", any("x"), scalar(SQRT2)))),
          outerForms(erfTerm(op("Mul", any("x"), scalar(1 / SQRT2)).commutative())));

  private static final List<Pattern.Op> TANH =
      outerForms(
          op(
                  "Add",
                  op(
                      "Tanh",
                      op(
                              "Mul",
                              op(
                                      "Add",
                                      any("x"),
                                      op("Mul", op("Pow", any("x"), scalar(3.0)), scalar(0.044715))
                                          .commutative())
                                  .commutative(),
                              scalar(Math.sqrt(2.0 / Math.PI)))
                          .commutative()),
                  scalar(1.0))
              .commutative());

  @Override
  public String name() {
    return "fuse-gelu";
  }

  @Override
  public int apply(GraphEditor g) {
    int fused = 0;
    for (Node n : g.nodes()) {
      if (!n.opType().equals("Mul") || !n.domain().isEmpty()) {
        continue;
      }
      Optional<String> x = first(g, n, ERF).map(m -> m.value("x"));
      boolean tanh = false;
      if (x.isEmpty()) {
        x = first(g, n, TANH).map(m -> m.value("x"));
        tanh = x.isPresent();
      }
      if (x.isEmpty()) {
        continue;
      }
      Optional<Node> biasAdd = g.producer(x.get()).filter(p -> isBiasAdd(g, p));
      List<String> inputs = new ArrayList<>();
      String op;
      if (biasAdd.isPresent()) {
        inputs.add(productOf(g, biasAdd.get()));
        inputs.add(biasOf(g, biasAdd.get()));
        op = tanh ? "FastGelu" : "BiasGelu";
      } else {
        inputs.add(x.get());
        op = tanh ? "FastGelu" : "Gelu";
      }
      g.remove(n);
      g.add(
          Node.of(
              g.uniqueName(op),
              OnnxDefaults.MICROSOFT,
              op,
              inputs,
              List.of(n.outputs().get(0)),
              List.of()));
      fused++;
    }
    return fused;
  }

  /**
   * The three groupings of {@code 0.5 · x · inner}: {@code (x·inner)·0.5}, {@code (x·0.5)·inner},
   * {@code x·(inner·0.5)}.
   */
  private static List<Pattern.Op> outerForms(Pattern.Op inner) {
    return List.of(
        op("Mul", op("Mul", any("x"), inner).commutative(), scalar(0.5)).commutative(),
        op("Mul", op("Mul", any("x"), scalar(0.5)).commutative(), inner).commutative(),
        op("Mul", any("x"), op("Mul", inner, scalar(0.5)).commutative()).commutative());
  }

  private static Pattern.Op erfTerm(Pattern argument) {
    return op("Add", op("Erf", argument), scalar(1.0)).commutative();
  }

  private static List<Pattern.Op> concat(List<Pattern.Op> a, List<Pattern.Op> b) {
    List<Pattern.Op> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static Optional<Match> first(GraphEditor g, Node n, List<Pattern.Op> forms) {
    for (Pattern.Op p : forms) {
      Optional<Match> m = p.match(g, n);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  /** An Add of a MatMul's product and a rank-1 constant, read by nothing but the GELU. */
  private static boolean isBiasAdd(GraphEditor g, Node add) {
    return add.opType().equals("Add")
        && add.domain().isEmpty()
        && add.inputs().size() == 2
        && productOf(g, add) != null
        && biasOf(g, add) != null;
  }

  private static String productOf(GraphEditor g, Node add) {
    for (String in : add.inputs()) {
      if (g.producer(in)
          .map(p -> p.opType().equals("MatMul") && p.domain().isEmpty())
          .orElse(false)) {
        return in;
      }
    }
    return null;
  }

  private static String biasOf(GraphEditor g, Node add) {
    for (String in : add.inputs()) {
      Optional<Tensor> t = g.constant(in);
      if (t.isPresent() && t.get().rank() == 1) {
        return in;
      }
    }
    return null;
  }
}
