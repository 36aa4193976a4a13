package org.mtl4j.graph.passes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Runs passes in order, round after round, until a round changes nothing (at most {@link
 * #MAX_ROUNDS}), then removes what became unused and restores topological order.
 *
 * @param passes the passes in the order they run within a round
 */
public record PassPipeline(List<GraphPass> passes) {

  /** The most rounds a run makes; a pipeline that still changes the graph then stops. */
  public static final int MAX_ROUNDS = 16;

  /** Copies the list. */
  public PassPipeline {
    passes = List.copyOf(passes);
  }

  /**
   * @param graph the graph to rewrite in place
   * @return what each pass changed
   */
  public PassReport run(GraphEditor graph) {
    long start = System.nanoTime();
    int before = graph.graph().nodes().size();
    Map<String, Integer> changes = new LinkedHashMap<>();
    passes.forEach(p -> changes.put(p.name(), 0));
    int rounds = 0;
    boolean changed = true;
    while (changed && rounds < MAX_ROUNDS) {
      changed = false;
      rounds++;
      for (GraphPass p : passes) {
        int n = p.apply(graph);
        if (n > 0) {
          changes.merge(p.name(), n, Integer::sum);
          changed = true;
        }
      }
    }
    graph.removeUnused();
    graph.sortTopologically();
    return new PassReport(
        changes,
        rounds,
        before,
        graph.graph().nodes().size(),
        graph.opCounts(),
        (System.nanoTime() - start) / 1_000_000);
  }
}
