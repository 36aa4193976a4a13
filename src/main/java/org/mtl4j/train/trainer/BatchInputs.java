package org.mtl4j.train.trainer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.mtl4j.train.data.Batch;

/** Turns a padded {@link Batch} into the encoder's input arrays. */
final class BatchInputs {

  private BatchInputs() {}

  /**
   * @param batch the batch
   * @param manager the manager that owns the new arrays
   * @param withTokenTypes whether the family reads {@code token_type_ids}
   * @return {@code input_ids}, {@code attention_mask} and, when asked, {@code token_type_ids}
   */
  static NDList of(Batch batch, NDManager manager, boolean withTokenTypes) {
    Shape shape = new Shape(batch.shape());
    NDList list =
        new NDList(
            manager.create(batch.inputIds(), shape), manager.create(batch.attentionMask(), shape));
    if (withTokenTypes) {
      list.add(manager.create(batch.typeIds(), shape));
    }
    return list;
  }
}
