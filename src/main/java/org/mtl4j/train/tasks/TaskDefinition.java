package org.mtl4j.train.tasks;

import java.nio.file.Path;
import java.util.Objects;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * One task of a task file: the head's spec as the model package records it, its data files, and
 * where it was defined.
 *
 * @param spec name, type, labels, loss, loss weight, metrics and dropout
 * @param files the task's train, dev and test files
 * @param taskFile the task file that defined it
 * @param line the 1-based line of the task's name in that file
 */
public record TaskDefinition(TaskSpec spec, DataFiles files, Path taskFile, int line) {

  /** Requires every component. */
  public TaskDefinition {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(taskFile, "taskFile");
  }

  /**
   * @return the task's name
   */
  public String name() {
    return spec.name();
  }

  /**
   * @return the task's loss
   */
  public LossType loss() {
    return LossType.fromFileName(spec.loss());
  }
}
