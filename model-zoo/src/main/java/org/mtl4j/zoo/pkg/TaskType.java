package org.mtl4j.zoo.pkg;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of task head, named as the original library's task files name them. */
public enum TaskType {
  /** One label per sentence, from a softmax over the classes. */
  SINGLE_SENTENCE_CLASSIFICATION("SingleSenClassification", false),
  /** One label per sentence pair, from a softmax over the classes. */
  SENTENCE_PAIR_CLASSIFICATION("SentencePairClassification", false),
  /** One tag per word (token tagging, NER, slot filling). */
  NER("NER", true),
  /** Any number of labels per sentence, from independent sigmoids. */
  MULTI_LABEL_CLASSIFICATION("MultiLabelClassification", false);

  private final String fileName;
  private final boolean tokenLevel;

  TaskType(String fileName, boolean tokenLevel) {
    this.fileName = fileName;
    this.tokenLevel = tokenLevel;
  }

  /**
   * @return the name used in task files and manifests, e.g. {@code SingleSenClassification}
   */
  @JsonValue
  public String fileName() {
    return fileName;
  }

  /**
   * @return true when the head emits logits per token ({@code [batch, sequence, tags]})
   */
  public boolean tokenLevel() {
    return tokenLevel;
  }

  /**
   * @return true when the task reads two texts
   */
  public boolean pair() {
    return this == SENTENCE_PAIR_CLASSIFICATION;
  }

  /**
   * Parses a task-file name.
   *
   * @param name e.g. {@code NER}
   * @return the task type
   * @throws IllegalArgumentException naming the accepted values when the name is unknown
   */
  @JsonCreator
  public static TaskType fromFileName(String name) {
    for (TaskType type : values()) {
      if (type.fileName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown task_type '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(TaskType::fileName).collect(Collectors.joining(", ")));
  }
}
