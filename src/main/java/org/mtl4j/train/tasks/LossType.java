package org.mtl4j.train.tasks;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.mtl4j.zoo.pkg.TaskType;

/** The losses a task file may name in {@code loss_type}; each fits certain task types. */
public enum LossType {
  /** Softmax cross-entropy over the classes, for single-sentence and pair classification. */
  CROSS_ENTROPY("CrossEntropyLoss"),
  /** Token-level cross-entropy over labelled positions only (first sub-token of each word). */
  NER("NERLoss"),
  /** Independent sigmoids with binary cross-entropy, for multi-label classification. */
  BINARY_CROSS_ENTROPY("BCEWithLogitsLoss");

  private final String fileName;

  LossType(String fileName) {
    this.fileName = fileName;
  }

  /**
   * @return the name used in task files and manifests
   */
  public String fileName() {
    return fileName;
  }

  /**
   * @param type a task type
   * @return the loss a task of that type uses when its task file names none
   */
  public static LossType defaultFor(TaskType type) {
    return switch (type) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION -> CROSS_ENTROPY;
      case NER -> NER;
      case MULTI_LABEL_CLASSIFICATION -> BINARY_CROSS_ENTROPY;
    };
  }

  /**
   * @param type a task type
   * @return true when this loss can train a head of that type
   */
  public boolean fits(TaskType type) {
    return this == defaultFor(type);
  }

  /**
   * @param name a task-file name such as {@code NERLoss}
   * @return the loss
   * @throws IllegalArgumentException naming the accepted values when the name is unknown
   */
  public static LossType fromFileName(String name) {
    for (LossType loss : values()) {
      if (loss.fileName.equals(name)) {
        return loss;
      }
    }
    throw new IllegalArgumentException(
        "unknown loss_type '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(LossType::fileName).collect(Collectors.joining(", ")));
  }
}
