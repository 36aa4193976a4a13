package org.mtl4j.metrics;

import java.util.List;

/**
 * A metric over tag sequences: one gold and one predicted tag per word. Give it word-level tags
 * (see {@link org.mtl4j.metrics.tagging.WordLevelTags} for the original library's dropping of
 * {@code [CLS]}, {@code [SEP]} and {@code X} positions).
 */
public interface TaggingMetric extends TaskMetric {

  /**
   * @param gold gold tag sequences, one per sentence
   * @param pred predicted tag sequences, each as long as its gold sequence
   * @return the score on this metric's {@link #scale()}
   * @throws IllegalArgumentException when sequences differ in number or length (naming the
   *     sentence) or a tag is malformed for this metric
   */
  double compute(List<? extends List<String>> gold, List<? extends List<String>> pred);

  @Override
  default MetricInput input() {
    return MetricInput.TAG_SEQUENCES;
  }
}
