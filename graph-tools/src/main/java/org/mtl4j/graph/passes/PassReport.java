package org.mtl4j.graph.passes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline run changed.
 *
 * @param changes per pass name, the rewrites it made over all rounds, in pipeline order
 * @param rounds how many rounds ran before nothing changed
 * @param nodesBefore the node count before
 * @param nodesAfter the node count after
 * @param opsAfter node count per {@code domain:opType} after
 * @param millis the wall time of the passes
 */
public record PassReport(
    Map<String, Integer> changes,
    int rounds,
    int nodesBefore,
    int nodesAfter,
    Map<String, Integer> opsAfter,
    long millis) {

  /** Freezes the maps, keeping their order. */
  public PassReport {
    changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    opsAfter = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(opsAfter));
  }

  /**
   * @param pass a pass name
   * @return its rewrites; 0 when it did not run or changed nothing
   */
  public int changes(String pass) {
    return changes.getOrDefault(pass, 0);
  }

  /**
   * @return the names of the passes that changed something
   */
  public List<String> appliedPasses() {
    return changes.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * @return one line per pass, then the node counts
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    changes.forEach((pass, n) -> out.append(String.format("  %-28s %d%n", pass, n)));
    out.append(
        String.format(
            "  nodes: %d -> %d (%d rounds, %d ms)%n", nodesBefore, nodesAfter, rounds, millis));
    return out.toString();
  }
}
