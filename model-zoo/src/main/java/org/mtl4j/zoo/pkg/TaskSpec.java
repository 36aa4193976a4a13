package org.mtl4j.zoo.pkg;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One task head of a model package.
 *
 * @param name task name; also the ONNX output {@code <name>.logits}
 * @param type the head type
 * @param labels class or tag names, index = logit position
 * @param loss loss name as in task files ({@code CrossEntropyLoss}, {@code NERLoss}, ...)
 * @param lossWeight multiplier of this task's loss during training
 * @param metrics metric names used to evaluate the task
 * @param dropout head dropout probability during training
 */
public record TaskSpec(
    String name,
    TaskType type,
    List<String> labels,
    String loss,
    double lossWeight,
    List<String> metrics,
    double dropout) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** Validates the spec; task names are identifiers so that output names stay simple. */
  public TaskSpec {
    Objects.requireNonNull(name, "task name");
    Objects.requireNonNull(type, "task type of " + name);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "task name '" + name + "' must start with a letter and hold only letters, digits, '_'");
    }
    labels = List.copyOf(Objects.requireNonNull(labels, "labels of task " + name));
    if (labels.size() < (type == TaskType.NER ? 1 : 2)) {
      throw new IllegalArgumentException("task " + name + " needs at least 2 labels");
    }
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    if (dropout < 0 || dropout >= 1) {
      throw new IllegalArgumentException("dropout of task " + name + " must be in [0, 1)");
    }
  }

  /**
   * @return the ONNX output name carrying this task's logits
   */
  public String outputName() {
    return OnnxContract.logits(name);
  }
}
