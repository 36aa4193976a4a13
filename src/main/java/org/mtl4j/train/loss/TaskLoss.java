package org.mtl4j.train.loss;

import ai.djl.ndarray.NDArray;
import org.mtl4j.train.tasks.LossType;

/**
 * A task's training loss: a scalar from the head's logits and the batch's labels, already
 * multiplied by the task's {@code loss_weight}.
 */
public sealed interface TaskLoss permits CrossEntropy, TokenCrossEntropy, BinaryCrossEntropy {

  /**
   * @param logits the head's logits
   * @param labels the batch's labels ({@link org.mtl4j.train.data.Batch#labels()}) as int64
   * @return the weighted loss, a scalar
   */
  NDArray compute(NDArray logits, NDArray labels);

  /**
   * @param type the loss a task file names
   * @param weight the task's {@code loss_weight}
   * @return the loss
   */
  static TaskLoss of(LossType type, double weight) {
    float w = (float) weight;
    return switch (type) {
      case CROSS_ENTROPY -> new CrossEntropy(w);
      case NER -> new TokenCrossEntropy(w);
      case BINARY_CROSS_ENTROPY -> new BinaryCrossEntropy(w);
    };
  }
}
