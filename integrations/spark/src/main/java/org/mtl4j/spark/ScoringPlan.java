package org.mtl4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * The tasks a transform scores, in the model's task order: those that read one text (run on the
 * text column) and those that read a pair (run on the text and second-text columns). Each group
 * runs as one encoder pass per batch.
 *
 * @param tasks every scored task, in output column order
 * @param singleTasks names of the tasks that read one text
 * @param pairTasks names of the tasks that read a pair
 */
record ScoringPlan(List<TaskSpec> tasks, List<String> singleTasks, List<String> pairTasks) {

  /** Copies the lists. */
  ScoringPlan {
    tasks = List.copyOf(tasks);
    singleTasks = List.copyOf(singleTasks);
    pairTasks = List.copyOf(pairTasks);
  }

  /**
   * @return the names of the scored tasks, in output column order
   */
  List<String> taskNames() {
    return tasks.stream().map(TaskSpec::name).toList();
  }

  /**
   * @param manifest the model's manifest
   * @param requested task names, or empty for every task the inputs fit
   * @param hasPairs whether a second-text column is set
   * @return the plan
   * @throws IllegalArgumentException for unknown tasks, a pair task without a second-text column,
   *     or nothing to score
   */
  static ScoringPlan of(Manifest manifest, List<String> requested, boolean hasPairs) {
    Set<String> wanted = new LinkedHashSet<>(requested);
    String names = manifest.tasks().stream().map(TaskSpec::name).collect(Collectors.joining(", "));
    for (String name : wanted) {
      TaskSpec task =
          manifest
              .task(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown task '" + name + "' in tasks; the model's tasks are " + names));
      if (task.type().pair() && !hasPairs) {
        throw new IllegalArgumentException(
            "task '"
                + name
                + "' reads a sentence pair; set textBCol to the column of second texts");
      }
    }
    List<TaskSpec> tasks = new ArrayList<>();
    for (TaskSpec task : manifest.tasks()) {
      boolean fits = hasPairs || !task.type().pair();
      if (wanted.isEmpty() ? fits : wanted.contains(task.name())) {
        tasks.add(task);
      }
    }
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException(
          "no task to score: the model's tasks are ["
              + names
              + "]"
              + (hasPairs ? "" : "; its pair tasks need textBCol"));
    }
    return new ScoringPlan(
        tasks,
        tasks.stream().filter(t -> !t.type().pair()).map(TaskSpec::name).toList(),
        tasks.stream().filter(t -> t.type().pair()).map(TaskSpec::name).toList());
  }
}
