package org.mtl4j.train.loss;

import ai.djl.ndarray.NDArray;
import org.mtl4j.train.encoder.Scalars;

/**
 * Softmax cross-entropy over {@code [batch, classes]} logits against {@code [batch]} class indices,
 * the mean over the batch, times the loss weight.
 *
 * @param weight the task's {@code loss_weight}
 */
public record CrossEntropy(float weight) implements TaskLoss {

  @Override
  public NDArray compute(NDArray logits, NDArray labels) {
    int classes = (int) logits.getShape().get(1);
    NDArray picked = logits.logSoftmax(-1).mul(labels.oneHot(classes)).sum(new int[] {-1});
    return Scalars.apply(picked.mean().neg(), NDArray::mul, weight);
  }
}
