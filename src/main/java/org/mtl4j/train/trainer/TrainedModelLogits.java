package org.mtl4j.train.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.List;
import org.mtl4j.train.data.Batch;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * A task's logits from the trained model on DJL's PyTorch engine, in eval mode (no dropout). Does
 * not own the model.
 */
final class TrainedModelLogits implements TaskLogits {

  private final MultiTaskModel model;
  private final boolean types;

  TrainedModelLogits(MultiTaskModel model) {
    this.model = model;
    this.types = model.encoder().family().usesTokenTypeIds();
  }

  @Override
  public float[] logits(Batch batch, TaskSpec task) {
    try (NDScope arrays = new NDScope();
        NDManager scope = model.manager().newSubManager()) {
      arrays.suppressNotUsedWarning();
      NDList inputs = BatchInputs.of(batch, scope, types);
      NDArray logits = model.forward(inputs, List.of(task.name()), false).get(task.name());
      return logits.toFloatArray();
    }
  }
}
