package org.mtl4j.runtime;

/**
 * A label with its probability.
 *
 * @param label the label
 * @param score its sigmoid probability
 */
public record LabelScore(String label, double score) {}
