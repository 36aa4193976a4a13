package org.mtl4j.train.tasks;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * The metric names a task file may list, the original library's names, and the task types each
 * one can score. Names are matched case-insensitively and stored in lower case.
 */
public final class MetricNames {

  private static final Set<TaskType> CLASSIFICATION =
      EnumSet.of(
          TaskType.SINGLE_SENTENCE_CLASSIFICATION,
          TaskType.SENTENCE_PAIR_CLASSIFICATION,
          TaskType.MULTI_LABEL_CLASSIFICATION);
  private static final Set<TaskType> TAGGING = EnumSet.of(TaskType.NER);

  private static final Map<String, Set<TaskType>> SCORES = new LinkedHashMap<>();

  static {
    for (String name :
        List.of(
            "classification_accuracy",
            "classification_f1_score",
            "classification_recall",
            "classification_recall_score")) {
      SCORES.put(name, CLASSIFICATION);
    }
    for (String family : List.of("seqeval", "snips")) {
      for (String measure : List.of("f1_score", "precision", "recall")) {
        SCORES.put(family + "_" + measure, TAGGING);
      }
    }
  }

  private MetricNames() {}

  /**
   * Checks one metric name against a task type.
   *
   * @param name the name as written in the task file
   * @param type the task's type
   * @return the name in lower case
   * @throws IllegalArgumentException when the name is unknown or cannot score that task type
   */
  public static String validate(String name, TaskType type) {
    String key = name.toLowerCase(Locale.ROOT);
    Set<TaskType> types = SCORES.get(key);
    if (types == null) {
      throw new IllegalArgumentException(
          "unknown metric '" + name + "'; expected one of " + String.join(", ", SCORES.keySet()));
    }
    if (!types.contains(type)) {
      throw new IllegalArgumentException(
          "metric '" + name + "' cannot score a " + type.fileName() + " task; use one of "
              + String.join(", ", forType(type)));
    }
    return key;
  }

  /**
   * @param type a task type
   * @return the metric a task of that type reports when its task file lists none
   */
  public static String defaultFor(TaskType type) {
    return switch (type) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION -> "classification_accuracy";
      case NER -> "seqeval_f1_score";
      case MULTI_LABEL_CLASSIFICATION -> "classification_f1_score";
    };
  }

  /**
   * @param type a task type
   * @return every metric name that can score it
   */
  public static List<String> forType(TaskType type) {
    return SCORES.entrySet().stream()
        .filter(e -> e.getValue().contains(type))
        .map(Map.Entry::getKey)
        .toList();
  }
}
