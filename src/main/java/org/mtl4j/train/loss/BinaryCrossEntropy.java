package org.mtl4j.train.loss;

import ai.djl.ndarray.NDArray;
import org.mtl4j.train.encoder.Scalars;

/**
 * Binary cross-entropy with logits for multi-label heads: one independent sigmoid per label, the
 * mean over every (example, label) pair, times the loss weight. Computed in the stable form {@code
 * max(x, 0) - x·y + log(1 + exp(-|x|))}.
 *
 * @param weight the task's {@code loss_weight}
 */
public record BinaryCrossEntropy(float weight) implements TaskLoss {

  @Override
  public NDArray compute(NDArray logits, NDArray labels) {
    NDArray y = labels.toType(logits.getDataType(), false);
    NDArray loss =
        Scalars.apply(logits, NDArray::maximum, 0f)
            .sub(logits.mul(y))
            .add(logits.abs().neg().exp().add(1f).log());
    return Scalars.apply(loss.mean(), NDArray::mul, weight);
  }
}
