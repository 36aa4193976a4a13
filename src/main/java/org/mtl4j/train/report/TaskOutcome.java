package org.mtl4j.train.report;

import java.util.List;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * Gold and predicted labels of one task on the dev split, as label names: one label per example for
 * classification, the labels present for multi-label tasks, one tag per word for tagging.
 *
 * @param task the task's name
 * @param type the task's type
 * @param labels the head's labels, in output order
 * @param gold per example, the gold labels
 * @param predicted per example, the predicted labels
 */
public record TaskOutcome(
    String task,
    TaskType type,
    List<String> labels,
    List<List<String>> gold,
    List<List<String>> predicted) {

  /** Copies the lists and checks that there is a prediction per gold example. */
  public TaskOutcome {
    labels = List.copyOf(labels);
    gold = List.copyOf(gold);
    predicted = List.copyOf(predicted);
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException(
          "task "
              + task
              + ": "
              + gold.size()
              + " gold examples but "
              + predicted.size()
              + " predictions");
    }
  }

  /** How an empty multi-label set is named in a confusion matrix. */
  static final String NONE = "(none)";

  /**
   * @return one label per example, multi-label sets joined with ','
   */
  List<String> goldLabels() {
    return joined(gold);
  }

  /**
   * @return one predicted label per example, multi-label sets joined with ','
   */
  List<String> predictedLabels() {
    return joined(predicted);
  }

  private static List<String> joined(List<List<String>> rows) {
    return rows.stream().map(l -> l.isEmpty() ? NONE : String.join(",", l)).toList();
  }
}
