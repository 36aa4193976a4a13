package org.mtl4j.metrics;

/**
 * The scores of one label in a {@link ScoreTable}.
 *
 * @param label the class or entity type
 * @param scores its precision, recall, F1 and support
 */
public record LabelScores(String label, PrecisionRecallF1 scores) {}
