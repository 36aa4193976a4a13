/**
 * Single-label and multi-label classification scores as scikit-learn computes them: confusion
 * matrix, per-class report with micro/macro/weighted averages, multi-label F1, subset accuracy and
 * Hamming loss.
 */
package org.mtl4j.metrics.classification;
