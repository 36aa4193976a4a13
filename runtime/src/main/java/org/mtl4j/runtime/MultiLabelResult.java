package org.mtl4j.runtime;

import java.util.List;

/**
 * A multi-label classification: every label whose sigmoid probability reaches the threshold.
 *
 * @param labels labels at or above the threshold, most probable first
 * @param threshold the threshold applied
 */
public record MultiLabelResult(List<LabelScore> labels, double threshold) implements TaskResult {

  /** Copies the list. */
  public MultiLabelResult {
    labels = List.copyOf(labels);
  }
}
