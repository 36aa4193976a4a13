/**
 * Training losses, one per task type: softmax cross-entropy for classification, binary
 * cross-entropy with logits for multi-label tasks, and token cross-entropy over labelled positions
 * for tagging. Each {@link org.mtl4j.train.loss.TaskLoss} returns a scalar already scaled by the
 * task's loss weight.
 */
package org.mtl4j.train.loss;
