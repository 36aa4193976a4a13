package org.mtl4j.metrics;

import java.util.List;

/** A metric over single-label predictions: one gold and one predicted label per example. */
public interface ClassificationMetric extends TaskMetric {

  /**
   * @param gold gold labels, one per example (integer class ids as their decimal strings)
   * @param pred predicted labels, one per example
   * @return the score on this metric's {@link #scale()}
   * @throws IllegalArgumentException when the lists differ in length
   */
  double compute(List<String> gold, List<String> pred);

  @Override
  default MetricInput input() {
    return MetricInput.LABELS;
  }
}
