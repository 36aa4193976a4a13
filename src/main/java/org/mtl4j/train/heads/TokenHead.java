package org.mtl4j.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * The head of a token-tagging task (NER, slot filling): the same linear layer at every position of
 * the last hidden state. Its dropout is variational, as in the original library's NER path: one
 * mask per example and hidden unit, shared by every position of the sequence, so a dropped feature
 * is dropped for the whole sentence.
 */
public final class TokenHead extends TaskHead {

  TokenHead(TaskSpec spec, NDArray weight, NDArray bias) {
    super(spec, weight, bias);
  }

  @Override
  public NDArray logits(EncodedBatch encoded, boolean training) {
    return project(encoded.sequence(), training);
  }

  @Override
  NDArray dropout(NDArray sequence, float rate) {
    Shape shape = sequence.getShape();
    Shape perExample = new Shape(shape.get(0), 1, shape.get(2));
    try (NDArray ones = sequence.getManager().ones(perExample, sequence.getDataType())) {
      return sequence.mul(super.dropout(ones, rate));
    }
  }
}
