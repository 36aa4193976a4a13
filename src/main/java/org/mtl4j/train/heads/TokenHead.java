package org.mtl4j.train.heads;

import ai.djl.ndarray.NDArray;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * The head of a token-tagging task (NER, slot filling): the same linear layer at every position
 * of the last hidden state.
 */
public final class TokenHead extends TaskHead {

  TokenHead(TaskSpec spec, NDArray weight, NDArray bias) {
    super(spec, weight, bias);
  }

  @Override
  public NDArray logits(EncodedBatch encoded, boolean training) {
    return project(encoded.sequence(), training);
  }
}
