/**
 * Encoder weights in memory: {@link org.mtl4j.zoo.weights.FloatTensor}, seeded random weights and
 * the check of a checkpoint's names and shapes against a spec.
 */
package org.mtl4j.zoo.weights;
