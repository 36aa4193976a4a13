package org.mtl4j.graph.passes;

import org.mtl4j.graph.rewrite.GraphEditor;

/** One graph rewrite, applied everywhere it matches in one call. */
public interface GraphPass {

  /**
   * @return the pass's name as reports print it, e.g. {@code fuse-attention}
   */
  String name();

  /**
   * Applies the rewrite wherever it matches.
   *
   * @param graph the graph being edited
   * @return how many rewrites were made (0 when nothing matched)
   */
  int apply(GraphEditor graph);
}
