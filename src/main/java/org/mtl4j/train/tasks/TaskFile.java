package org.mtl4j.train.tasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed and validated task file.
 *
 * <p>The file is a YAML mapping from task names to their settings, the original library's keys plus
 * {@code encoder}. Encoder settings ({@code encoder}, {@code model_type}, {@code config_name}) may
 * be repeated on every task but must agree across tasks.
 *
 * @param path the task file
 * @param tasks the tasks in file order
 * @param encoder the {@code encoder} value (a preset, a pretrained name, or an HF folder resolved
 *     against the task file's folder when it names an existing one), or null when no task sets it
 * @param modelType the {@code model_type} value in upper case ({@code BERT}, ...), or null
 * @param configName the {@code config_name} value, or null
 */
public record TaskFile(
    Path path, List<TaskDefinition> tasks, String encoder, String modelType, String configName) {

  /** Requires at least one task with a unique name. */
  public TaskFile {
    Objects.requireNonNull(path, "path");
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException(path + ": no tasks");
    }
    if (tasks.stream().map(TaskDefinition::name).distinct().count() != tasks.size()) {
      throw new IllegalArgumentException(path + ": task names must be unique");
    }
  }

  /**
   * Reads and validates a task file. Data and label files are resolved against the file's folder
   * and must exist; the data files themselves are read later, split by split.
   *
   * @param path the YAML task file
   * @return the task file
   * @throws TaskFileException naming the file, the task and the line when anything is wrong
   */
  public static TaskFile read(Path path) {
    return new TaskFileParser(path).parse();
  }

  /**
   * @param name a task name
   * @return the task with that name
   * @throws IllegalArgumentException naming the tasks there are when none has that name
   */
  public TaskDefinition task(String name) {
    return tasks.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    path + ": no task '" + name + "'; tasks are " + names()));
  }

  /**
   * @return the task names in file order
   */
  public List<String> names() {
    return tasks.stream().map(TaskDefinition::name).toList();
  }
}
