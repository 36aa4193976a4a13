package org.mtl4j.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scores a package's graphs on the dev rows of its tasks: the task-metric half of the fp16 and int8
 * gates of {@code mtl optimize}, which runs the unoptimized and the optimized graph through the
 * same scorer. The command line implements it over the whole dev split of the package's task file;
 * the exporter falls back to the package's reference dev rows when they are numerous enough.
 */
public interface DevSplitScorer {

  /**
   * @return where the rows come from (e.g. {@code the dev split of /data/tasks.yml}), or, for a
   *     scorer without rows, why it has none
   */
  String source();

  /**
   * @return task name to its number of dev rows, for every task that has some
   */
  Map<String, Integer> rows();

  /**
   * @param graph an ONNX file of the package
   * @param tasks the tasks to score, each among {@link #rows()}
   * @return per task, its metrics and per-row predictions, rows in a fixed order
   * @throws IllegalArgumentException when the graph cannot be loaded or lacks a task's output
   */
  Map<String, TaskScore> score(Path graph, List<String> tasks);

  /**
   * @param why why there are no dev rows, e.g. that the package records no task file
   * @return a scorer without rows
   */
  static DevSplitScorer unavailable(String why) {
    return new DevSplitScorer() {
      @Override
      public String source() {
        return why;
      }

      @Override
      public Map<String, Integer> rows() {
        return Map.of();
      }

      @Override
      public Map<String, TaskScore> score(Path graph, List<String> tasks) {
        throw new IllegalStateException(why);
      }
    };
  }
}
