package org.mtl4j.train.trainer;

import java.util.List;
import java.util.Map;

/**
 * The dev metric that picks the best epoch: {@code task.metric}, by default the first task's
 * first metric. Higher is better, except for losses ({@code multilabel_hamming_loss}); a tie goes
 * to the later epoch, which has seen more data.
 *
 * @param task the task
 * @param metric the metric's name
 */
record Selection(String task, String metric) {

  static Selection of(String spec, List<TaskData> tasks) {
    if (spec == null) {
      TaskData first = tasks.stream().filter(t -> !t.split(org.mtl4j.train.tasks.Split.DEV).isEmpty())
          .findFirst().orElse(tasks.get(0));
      return new Selection(first.name(), first.spec().metrics().get(0));
    }
    int dot = spec.indexOf('.');
    if (dot < 1) {
      throw new IllegalArgumentException("--select must be TASK.METRIC, was '" + spec + "'");
    }
    Selection s = new Selection(spec.substring(0, dot), spec.substring(dot + 1));
    TaskData task = tasks.stream().filter(t -> t.name().equals(s.task)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--select names no task of the task file: " + spec));
    if (!task.spec().metrics().contains(s.metric)) {
      throw new IllegalArgumentException(
          "--select: task " + s.task + " reports " + task.spec().metrics() + ", not " + s.metric);
    }
    return s;
  }

  /** The score to maximise, from one epoch's dev metrics. */
  double score(Map<String, Map<String, Double>> dev) {
    double value = dev.get(task).get(metric);
    return metric.endsWith("_loss") ? -value : value;
  }
}
