package org.mtl4j.train.tasks;

import java.util.List;
import java.util.Locale;
import org.mtl4j.metrics.MetricInput;
import org.mtl4j.metrics.Metrics;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * Checks the metric names of a task file against the metrics module's catalogue ({@link
 * Metrics#names}) and the task's type: label metrics for classification, tag-sequence metrics for
 * NER, label-set metrics (and the {@code classification_*} names, read as scikit-learn reads
 * label-indicator input) for multi-label classification. Names are matched case-insensitively.
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
    if (forType(type).contains(key)) {
      return key;
    }
    boolean known = Metrics.all().containsKey(key);
    throw new IllegalArgumentException(
        (known
                ? "metric '" + name + "' cannot score a " + type.fileName() + " task"
                : "unknown metric '" + name + "'")
            + "; use one of "
            + String.join(", ", forType(type)));
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
    return Metrics.names(input(type));
  }

  private static MetricInput input(TaskType type) {
    return switch (type) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION -> MetricInput.LABELS;
      case NER -> MetricInput.TAG_SEQUENCES;
      case MULTI_LABEL_CLASSIFICATION -> MetricInput.LABEL_SETS;
    };
  }
}
