package org.mtl4j.train.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.train.tasks.Split;

/**
 * The dev score that picks the best epoch: one metric, {@code task.metric}, or by default the mean
 * over every task with dev data of its first metric, so that no task's epoch is chosen for another
 * task's sake. Higher is better, except for losses ({@code multilabel_hamming_loss}), which count
 * negatively; a tie goes to the later epoch, which has seen more data.
 *
 * @param metrics the metric per task that the score averages
 */
record Selection(Map<String, String> metrics) {

  /** Copies the map, keeping its order (the score sums in that order). */
  Selection {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  static Selection of(String spec, List<TaskData> tasks) {
    if (spec == null) {
      Map<String, String> firsts = new LinkedHashMap<>();
      tasks.stream()
          .filter(t -> !t.split(Split.DEV).isEmpty())
          .forEach(t -> firsts.put(t.name(), t.spec().metrics().get(0)));
      return new Selection(firsts);
    }
    int dot = spec.indexOf('.');
    if (dot < 1) {
      throw new IllegalArgumentException("--select must be TASK.METRIC, was '" + spec + "'");
    }
    String name = spec.substring(0, dot);
    String metric = spec.substring(dot + 1);
    TaskData task =
        tasks.stream()
            .filter(t -> t.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--select names no task of the task file: " + spec));
    if (!task.spec().metrics().contains(metric)) {
      throw new IllegalArgumentException(
          "--select: task " + name + " reports " + task.spec().metrics() + ", not " + metric);
    }
    return new Selection(Map.of(name, metric));
  }

  /**
   * Whether one epoch's dev metrics hold every metric the score needs (none when no task has dev
   * data).
   */
  boolean covers(Map<String, Map<String, Double>> dev) {
    return !metrics.isEmpty() && metrics.keySet().stream().allMatch(dev::containsKey);
  }

  /** The score to maximise, from one epoch's dev metrics. */
  double score(Map<String, Map<String, Double>> dev) {
    return metrics.entrySet().stream()
        .mapToDouble(
            e -> {
              double value = dev.get(e.getKey()).get(e.getValue());
              return e.getValue().endsWith("_loss") ? -value : value;
            })
        .average()
        .orElseThrow();
  }
}
