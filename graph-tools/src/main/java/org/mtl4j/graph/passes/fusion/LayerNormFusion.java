package org.mtl4j.graph.passes.fusion;

import static org.mtl4j.graph.rewrite.Pattern.any;
import static org.mtl4j.graph.rewrite.Pattern.constant;
import static org.mtl4j.graph.rewrite.Pattern.op;

import java.util.List;
import java.util.Optional;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.Constants;
import org.mtl4j.graph.rewrite.GraphEditor;
import org.mtl4j.graph.rewrite.Match;
import org.mtl4j.graph.rewrite.Pattern;

/**
 * Fuses a layer norm written out in elementary operators (as PyTorch exports it before opset 17:
 * {@code ReduceMean, Sub, Pow 2, ReduceMean, Add eps, Sqrt, Div, Mul gamma, Add beta}) into one
 * {@code LayerNormalization} over the last axis. Before opset 17 the operator is ONNX Runtime's own
 * registration in the default domain.
 */
public final class LayerNormFusion implements GraphPass {

  private static final Pattern.Op MEAN =
      op("ReduceMean", any("x")).where(LayerNormFusion::lastAxis);

  private static final Pattern.Op CENTRED = op("Sub", any("x"), MEAN).as("centred");

  private static final Pattern.Op VARIANCE =
      op("ReduceMean", op("Pow", CENTRED, Pattern.scalar(2.0))).where(LayerNormFusion::lastAxis);

  private static final Pattern.Op NORMED =
      op(
          "Div",
          CENTRED,
          op(
              "Sqrt",
              op("Add", VARIANCE, constant("eps", t -> t.elementCount() == 1)).commutative()));

  private static final Pattern.Op PATTERN =
      op("Add", op("Mul", NORMED, constant("gamma")).commutative(), constant("beta")).commutative();

  @Override
  public String name() {
    return "fuse-layer-norm";
  }

  @Override
  public int apply(GraphEditor g) {
    int fused = 0;
    for (Node n : g.nodes()) {
      if (!n.opType().equals("Add") || !n.domain().isEmpty()) {
        continue;
      }
      Optional<Match> m = PATTERN.match(g, n);
      if (m.isEmpty()
          || m.get().constant("gamma").rank() != 1
          || m.get().constant("beta").rank() != 1) {
        continue;
      }
      float epsilon = (float) Constants.scalar(m.get().constant("eps"));
      g.remove(n);
      g.add(
          Node.of(
              g.uniqueName("LayerNorm"),
              "",
              "LayerNormalization",
              List.of(m.get().value("x"), m.get().value("gamma"), m.get().value("beta")),
              List.of(n.outputs().get(0)),
              List.of(Attribute.of("axis", -1L), Attribute.of("epsilon", epsilon))));
      fused++;
    }
    return fused;
  }

  /** Reduces over the last axis only (attribute form, opset below 18), keeping dimensions. */
  private static boolean lastAxis(Node n) {
    boolean keep =
        n.attribute("keepdims").map(a -> ((Attribute.IntAttr) a).value() == 1).orElse(true);
    return keep
        && n.inputs().size() == 1
        && n.attribute("axes")
            .map(
                a ->
                    a instanceof Attribute.IntsAttr i
                        && i.values().length == 1
                        && i.values()[0] == -1)
            .orElse(false);
  }
}
