package org.mtl4j.graph.passes.fusion;

import java.util.Optional;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.rewrite.Constants;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Where an additive attention bias comes from: {@code (1 - mask)·fill} of a 2-D integer graph
 * input, reached through Unsqueeze and Cast nodes in any order.
 *
 * @param input the mask's graph input
 * @param fill the value added at padding positions
 */
record MaskSource(String input, double fill) {

  static Optional<MaskSource> trace(GraphEditor g, String bias) {
    String v = bias;
    Double fill = null;
    boolean inverted = false;
    for (int steps = 0; steps < 8; steps++) {
      Optional<Value> in = g.graphInput(v);
      if (in.isPresent()) {
        boolean integer =
            in.get().elemType() == ElemType.INT64 || in.get().elemType() == ElemType.INT32;
        boolean matrix = in.get().shape() != null && in.get().shape().rank() == 2;
        return integer && matrix && inverted && fill != null
            ? Optional.of(new MaskSource(v, fill))
            : Optional.empty();
      }
      Optional<Node> p = g.producer(v);
      if (p.isEmpty() || !p.get().domain().isEmpty()) {
        return Optional.empty();
      }
      Node n = p.get();
      switch (n.opType()) {
        case "Unsqueeze", "Cast" -> v = n.inputs().get(0);
        case "Sub" -> {
          if (inverted || !isScalar(g, n.inputs().get(0), 1.0)) {
            return Optional.empty();
          }
          inverted = true;
          v = n.inputs().get(1);
        }
        case "Mul" -> {
          if (fill != null) {
            return Optional.empty();
          }
          int side = g.constant(n.inputs().get(1)).isPresent() ? 1 : 0;
          Optional<Tensor> c = g.constant(n.inputs().get(side));
          if (c.isEmpty() || c.get().elementCount() != 1) {
            return Optional.empty();
          }
          fill = Constants.scalar(c.get());
          v = n.inputs().get(1 - side);
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isScalar(GraphEditor g, String value, double expected) {
    return g.constant(value)
        .map(t -> t.elementCount() == 1 && Constants.allEqual(t, expected, 0))
        .orElse(false);
  }
}
