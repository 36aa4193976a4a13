package org.mtl4j.train.trainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mtl4j.metrics.ClassificationMetric;
import org.mtl4j.metrics.Metrics;
import org.mtl4j.metrics.MultiLabelMetric;
import org.mtl4j.metrics.TaggingMetric;
import org.mtl4j.metrics.TaskMetric;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Gold and predicted labels of one task on one split, as label names: per example one label
 * (classification), the labels present (multi-label, sorted), or one tag per word (NER).
 *
 * @param spec the task
 * @param gold per example, the gold labels
 * @param predicted per example, the predicted labels
 */
public record TaskPredictions(
    TaskSpec spec, List<List<String>> gold, List<List<String>> predicted) {

  /** Copies the lists. */
  public TaskPredictions {
    gold = List.copyOf(gold);
    predicted = List.copyOf(predicted);
  }

  /**
   * Scores the predictions with every metric the task lists, through the metrics module. A
   * multi-label task scored by a single-label metric compares whole label sets (exact match).
   *
   * @return metric name to value, in the task's order, on each metric's own scale
   */
  public Map<String, Double> metrics() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : spec.metrics()) {
      out.put(name, score(Metrics.lookup(name)));
    }
    return out;
  }

  private double score(TaskMetric metric) {
    return switch (metric.input()) {
      case LABELS -> ((ClassificationMetric) metric).compute(joined(gold), joined(predicted));
      case TAG_SEQUENCES -> ((TaggingMetric) metric).compute(gold, predicted);
      case LABEL_SETS -> ((MultiLabelMetric) metric).compute(sets(gold), sets(predicted));
    };
  }

  private static List<String> joined(List<List<String>> rows) {
    return rows.stream().map(r -> String.join(",", r)).toList();
  }

  private static List<TreeSet<String>> sets(List<List<String>> rows) {
    List<TreeSet<String>> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(new TreeSet<>(r)));
    return out;
  }
}
