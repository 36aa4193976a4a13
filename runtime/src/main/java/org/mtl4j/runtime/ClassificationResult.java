package org.mtl4j.runtime;

import java.util.Map;

/**
 * A single-sentence or sentence-pair classification.
 *
 * @param label the most probable label
 * @param score its softmax probability
 * @param probabilities every label's probability, in the manifest's label order
 */
public record ClassificationResult(String label, double score, Map<String, Double> probabilities)
    implements TaskResult {

  /** Copies the map, keeping its order. */
  public ClassificationResult {
    probabilities =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
  }
}
