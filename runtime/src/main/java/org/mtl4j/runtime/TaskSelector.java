package org.mtl4j.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Picks the tasks to run for an input: the ones asked for (checked), or by default every task that
 * reads the kind of input given (single-sentence tasks for a text, pair tasks for a pair).
 */
final class TaskSelector {

  private final Manifest manifest;

  TaskSelector(Manifest manifest) {
    this.manifest = manifest;
  }

  /**
   * @param pair whether the input is a sentence pair
   * @param requested task names, or empty for the default
   * @return the tasks in manifest order
   * @throws InvalidRequestException for unknown tasks, tasks that read the other kind of input, or
   *     a model with no task for this kind of input
   */
  List<TaskSpec> select(boolean pair, Collection<String> requested) {
    if (manifest.tasks().isEmpty()) {
      throw new InvalidRequestException(
          "the model has no task heads (an encoder-only package); nothing to predict");
    }
    if (requested == null || requested.isEmpty()) {
      List<TaskSpec> matching =
          manifest.tasks().stream().filter(t -> t.type().pair() == pair).toList();
      if (matching.isEmpty()) {
        throw new InvalidRequestException(
            pair
                ? "the model has no sentence-pair task (tasks: " + names() + "); send single texts"
                : "the model has only sentence-pair tasks (" + names() + "); send text pairs");
      }
      return matching;
    }
    Set<String> wanted = new HashSet<>(requested);
    for (String name : wanted) {
      TaskSpec task =
          manifest
              .task(name)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "unknown task '" + name + "'; the model's tasks are " + names()));
      if (task.type().pair() != pair) {
        throw new InvalidRequestException(
            "task '"
                + name
                + "' reads "
                + (task.type().pair() ? "a sentence pair" : "one text")
                + " but "
                + (pair ? "a pair" : "a single text")
                + " was given");
      }
    }
    List<TaskSpec> out = new ArrayList<>();
    for (TaskSpec task : manifest.tasks()) {
      if (wanted.contains(task.name())) {
        out.add(task);
      }
    }
    return out;
  }

  private String names() {
    return manifest.tasks().stream().map(TaskSpec::name).collect(Collectors.joining(", "));
  }
}
