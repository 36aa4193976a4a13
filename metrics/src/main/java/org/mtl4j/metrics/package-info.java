/**
 * The original library's task metrics with exact semantics, richer reports, and the parity
 * comparator with its tolerance tiers.
 *
 * <p>Entry point for task metrics: {@link org.mtl4j.metrics.Metrics} (by task-file name, with each
 * metric's semantics and {@link org.mtl4j.metrics.Scale}). Reports: {@link
 * org.mtl4j.metrics.classification.ClassificationReport}, {@link
 * org.mtl4j.metrics.tagging.EntityReport}, {@link
 * org.mtl4j.metrics.classification.MultiLabelScores}. Parity: {@link
 * org.mtl4j.metrics.parity.ParityComparator}.
 */
package org.mtl4j.metrics;
