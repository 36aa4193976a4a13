package org.mtl4j.graph.passes.clean;

import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.GraphEditor;

/** Removes nodes whose outputs nothing reads and initializers nothing reads. */
public final class DeadCodeElimination implements GraphPass {

  @Override
  public String name() {
    return "remove-dead-code";
  }

  @Override
  public int apply(GraphEditor graph) {
    return graph.removeUnused();
  }
}
