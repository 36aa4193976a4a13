package org.mtl4j.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mtl4j.graph.passes.OptimizationLevel;

/**
 * What {@code mtl optimize} is asked to do.
 *
 * @param source the graph to optimize
 * @param pkg the package the graph belongs to (reference outputs, tasks); null for a file from
 *     elsewhere
 * @param level the optimization level
 * @param out the file to write
 * @param tasks the heads to keep; empty for all
 * @param keepFp32 node, output or task names whose MatMuls stay in float32
 * @param devSplit the dev rows the fp16 and int8 gates of a graph with heads score on (the whole
 *     dev split of the package's task file), or null when there are none
 */
public record OptimizeRequest(
    Path source,
    Path pkg,
    OptimizationLevel level,
    Path out,
    List<String> tasks,
    Set<String> keepFp32,
    DevSplitScorer devSplit) {

  /** Copies the collections. */
  public OptimizeRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(out, "out");
    tasks = List.copyOf(tasks);
    keepFp32 = Set.copyOf(keepFp32);
  }
}
