package org.mtl4j.metrics;

import java.util.List;
import java.util.Set;

/**
 * A metric over multi-label predictions: a set of gold and a set of predicted labels per example.
 * The label columns are the union of every label seen; use {@link
 * org.mtl4j.metrics.classification.MultiLabelScores#of(List, List, List)} to score against a task's
 * full label list instead.
 */
public interface MultiLabelMetric extends TaskMetric {

  /**
   * @param gold gold label sets, one per example
   * @param pred predicted label sets, one per example
   * @return the score on this metric's {@link #scale()}
   * @throws IllegalArgumentException when the lists differ in length
   */
  double compute(List<? extends Set<String>> gold, List<? extends Set<String>> pred);

  @Override
  default MetricInput input() {
    return MetricInput.LABEL_SETS;
  }
}
