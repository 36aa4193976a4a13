package org.mtl4j.graph.passes.clean;

import java.util.Optional;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.Constants;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Removes nodes that pass their input through unchanged: {@code Identity}, inference-time {@code
 * Dropout}, and adding or subtracting a scalar 0 or multiplying or dividing by a scalar 1 (rank-0
 * constants only, which never change the other operand's shape).
 */
public final class NoOpElimination implements GraphPass {

  @Override
  public String name() {
    return "remove-no-ops";
  }

  @Override
  public int apply(GraphEditor g) {
    int removed = 0;
    for (Node n : g.nodes()) {
      Optional<String> through = passedThrough(g, n);
      if (through.isPresent() && bypass(g, n, through.get())) {
        removed++;
      }
    }
    return removed;
  }

  private static Optional<String> passedThrough(GraphEditor g, Node n) {
    if (!n.domain().isEmpty() || n.outputs().isEmpty()) {
      return Optional.empty();
    }
    switch (n.opType()) {
      case "Identity":
        return Optional.of(n.inputs().get(0));
      case "Dropout":
        boolean maskUsed = n.outputs().size() > 1 && g.isUsed(n.outputs().get(1));
        boolean training = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty();
        return maskUsed || training ? Optional.empty() : Optional.of(n.inputs().get(0));
      case "Add":
        return neutralOperand(g, n, 0.0, true);
      case "Mul":
        return neutralOperand(g, n, 1.0, true);
      case "Sub":
        return neutralOperand(g, n, 0.0, false);
      case "Div":
        return neutralOperand(g, n, 1.0, false);
      default:
        return Optional.empty();
    }
  }

  /** The other operand when one is a rank-0 constant equal to the neutral element. */
  private static Optional<String> neutralOperand(
      GraphEditor g, Node n, double neutral, boolean commutes) {
    if (n.inputs().size() != 2) {
      return Optional.empty();
    }
    if (isNeutral(g, n.inputs().get(1), neutral) && g.constant(n.inputs().get(0)).isEmpty()) {
      return Optional.of(n.inputs().get(0));
    }
    if (commutes
        && isNeutral(g, n.inputs().get(0), neutral)
        && g.constant(n.inputs().get(1)).isEmpty()) {
      return Optional.of(n.inputs().get(1));
    }
    return Optional.empty();
  }

  private static boolean isNeutral(GraphEditor g, String value, double neutral) {
    Optional<Tensor> t = g.constant(value);
    return t.isPresent() && t.get().rank() == 0 && Constants.allEqual(t.get(), neutral, 0.0);
  }

  /**
   * Makes the readers of the node's output read {@code input}; keeps the node when its output is a
   * graph output that cannot take over the input's producer.
   */
  private static boolean bypass(GraphEditor g, Node n, String input) {
    String output = n.outputs().get(0);
    if (g.isGraphOutput(output)) {
      boolean renamable = g.producer(input).isPresent() && !g.isGraphOutput(input);
      if (!renamable) {
        return false;
      }
    }
    g.remove(n);
    g.replaceUses(output, input);
    return true;
  }
}
