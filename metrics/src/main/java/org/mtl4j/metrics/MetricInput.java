package org.mtl4j.metrics;

/** What a task metric scores, which decides the method it is called through. */
public enum MetricInput {
  /** One label per example ({@link ClassificationMetric}). */
  LABELS,
  /** One tag per word ({@link TaggingMetric}). */
  TAG_SEQUENCES,
  /** A set of labels per example ({@link MultiLabelMetric}). */
  LABEL_SETS
}
