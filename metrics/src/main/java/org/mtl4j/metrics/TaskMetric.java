package org.mtl4j.metrics;

/**
 * A metric a task file can name. Look one up with {@link Metrics#lookup(String)}, then call it
 * through the interface its {@link #input()} names: {@link ClassificationMetric}, {@link
 * TaggingMetric} or {@link MultiLabelMetric}. Implementations are stateless and thread-safe.
 */
public interface TaskMetric {

  /**
   * @return the name a task file uses for it
   */
  String name();

  /**
   * @return whether it reports a percentage or a fraction
   */
  Scale scale();

  /**
   * @return what it scores
   */
  MetricInput input();
}
