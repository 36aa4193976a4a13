package org.mtl4j.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's score on a set of rows: its metrics, and the labels predicted for each row (one label
 * for a classification task, the labels present for a multi-label task, one tag per word for NER),
 * so that two models' predictions can be compared row by row.
 *
 * @param metrics metric name to value, on each metric's own scale
 * @param predicted per row, in a fixed row order, the predicted labels
 */
public record TaskScore(Map<String, Double> metrics, List<List<String>> predicted) {

  /** Copies the collections, keeping the metrics' order. */
  public TaskScore {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    predicted = List.copyOf(predicted);
  }
}
