package org.mtl4j.graph.passes.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Fuses the residual connection before a layer norm, {@code LayerNormalization(residual + (x·W +
 * bias))}, into {@code com.microsoft:SkipLayerNormalization(x·W, residual, gamma, beta, bias)}. One
 * operand of the sum must come from a MatMul (with or without a bias Add), which makes it a {@code
 * [batch, sequence, hidden]} activation as the contrib operator requires; a layer norm over
 * anything else (the embeddings' sum) is left to other fusions.
 */
public final class SkipLayerNormFusion implements GraphPass {

  @Override
  public String name() {
    return "fuse-skip-layer-norm";
  }

  @Override
  public int apply(GraphEditor g) {
    int fused = 0;
    for (Node ln : g.nodes()) {
      if (!isLastAxisLayerNorm(g, ln)) {
        continue;
      }
      Optional<Node> sum =
          g.producer(ln.inputs().get(0))
              .filter(
                  n ->
                      n.opType().equals("Add")
                          && n.domain().isEmpty()
                          && n.inputs().stream().allMatch(v -> g.constant(v).isEmpty()));
      if (sum.isEmpty()) {
        continue;
      }
      Optional<Operands> operands = Operands.of(g, sum.get());
      if (operands.isEmpty()) {
        continue;
      }
      Operands o = operands.get();
      String sumValue = sum.get().outputs().get(0);
      boolean sumUsedElsewhere =
          g.isGraphOutput(sumValue) || g.consumers(sumValue).stream().anyMatch(c -> c != ln);
      List<String> inputs =
          new ArrayList<>(List.of(o.input, o.skip, ln.inputs().get(1), ln.inputs().get(2)));
      if (o.bias != null) {
        inputs.add(o.bias);
      }
      List<String> outputs = new ArrayList<>(List.of(ln.outputs().get(0)));
      if (sumUsedElsewhere) {
        g.remove(sum.get());
        outputs.addAll(List.of("", "", sumValue));
      }
      float epsilon =
          ln.attribute("epsilon").map(a -> ((Attribute.FloatAttr) a).value()).orElse(1e-5f);
      g.remove(ln);
      g.add(
          Node.of(
              g.uniqueName("SkipLayerNorm"),
              OnnxDefaults.MICROSOFT,
              "SkipLayerNormalization",
              inputs,
              outputs,
              List.of(Attribute.of("epsilon", epsilon))));
      fused++;
    }
    return fused;
  }

  static boolean isLastAxisLayerNorm(GraphEditor g, Node n) {
    if (!n.opType().equals("LayerNormalization")
        || !n.domain().isEmpty()
        || n.inputs().size() != 3
        || n.outputs().size() != 1) {
      return false;
    }
    long axis = n.attribute("axis").map(a -> ((Attribute.IntAttr) a).value()).orElse(-1L);
    return axis == -1
        && g.constant(n.inputs().get(1)).map(t -> t.rank() == 1).orElse(false)
        && g.constant(n.inputs().get(2)).map(t -> t.rank() == 1).orElse(false);
  }

  /** The sum's operands: the MatMul product, its bias (may be null) and the residual. */
  private record Operands(String input, String bias, String skip) {

    static Optional<Operands> of(GraphEditor g, Node sum) {
      for (int side = 0; side < 2; side++) {
        String candidate = sum.inputs().get(side);
        String other = sum.inputs().get(1 - side);
        Optional<Node> p = g.producer(candidate);
        if (p.isEmpty() || !p.get().domain().isEmpty()) {
          continue;
        }
        if (p.get().opType().equals("MatMul")) {
          return Optional.of(new Operands(candidate, null, other));
        }
        if (p.get().opType().equals("Add")
            && g.consumers(candidate).size() == 1
            && !g.isGraphOutput(candidate)) {
          for (int k = 0; k < 2; k++) {
            String product = p.get().inputs().get(k);
            Optional<Tensor> bias = g.constant(p.get().inputs().get(1 - k));
            boolean fromMatMul =
                g.producer(product)
                    .map(x -> x.opType().equals("MatMul") && x.domain().isEmpty())
                    .orElse(false);
            if (fromMatMul && bias.isPresent() && bias.get().rank() == 1) {
              return Optional.of(new Operands(product, p.get().inputs().get(1 - k), other));
            }
          }
        }
      }
      return Optional.empty();
    }
  }
}
