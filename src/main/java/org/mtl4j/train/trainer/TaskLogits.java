package org.mtl4j.train.trainer;

import org.mtl4j.train.data.Batch;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * What {@link Evaluator} scores: one task's logits for a padded batch, row-major ({@code [rows,
 * classes]} or {@code [rows, length, tags]}), computed by the trained model in eval mode ({@link
 * TrainedModelLogits}) or by an exported graph on ONNX Runtime ({@link GraphLogits}).
 */
public interface TaskLogits {

  /**
   * @param batch a padded batch of the task's examples
   * @param task the task whose head to read
   * @return the head's logits, row-major
   */
  float[] logits(Batch batch, TaskSpec task);
}
