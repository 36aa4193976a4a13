package org.mtl4j.train.tasks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtl4j.metrics.MetricInput;
import org.mtl4j.metrics.Metrics;
import org.mtl4j.metrics.TaskMetric;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * Checks the metric names of a task file against the metrics module's catalogue ({@link
 * Metrics}) and the task's type: label metrics for classification, tag-sequence metrics for NER,
 * label-set metrics for multi-label classification. Names are matched case-insensitively.
 */
public final class MetricNames {

  private MetricNames() {}

  /**
   * Checks one metric name against a task type.
   *
   * @param name the name as written in the task file
   * @param type the task's type
   * @return the name in lower case, as the catalogue spells it
   * @throws IllegalArgumentException when the name is unknown or cannot score that task type
   */
  public static String validate(String name, TaskType type) {
    String key = name.toLowerCase(Locale.ROOT);
    TaskMetric metric = Metrics.all().get(key);
    if (metric == null) {
      throw new IllegalArgumentException(
          "unknown metric '" + name + "'; use one of " + String.join(", ", forType(type)));
    }
    if (metric.input() != input(type)) {
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
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION ->
          Metrics.CLASSIFICATION_ACCURACY.name();
      case NER -> Metrics.SEQEVAL_F1_SCORE.name();
      case MULTI_LABEL_CLASSIFICATION -> Metrics.MULTILABEL_MICRO_F1.name();
    };
  }

  /**
   * @param type a task type
   * @return every metric name (aliases included) that can score it, in catalogue order
   */
  public static List<String> forType(TaskType type) {
    return Metrics.all().entrySet().stream()
        .filter(e -> e.getValue().input() == input(type))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static MetricInput input(TaskType type) {
    return switch (type) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION -> MetricInput.LABELS;
      case NER -> MetricInput.TAG_SEQUENCES;
      case MULTI_LABEL_CLASSIFICATION -> MetricInput.LABEL_SETS;
    };
  }
}
