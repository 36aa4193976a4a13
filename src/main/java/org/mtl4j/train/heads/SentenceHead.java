package org.mtl4j.train.heads;

import ai.djl.ndarray.NDArray;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * The head of a sequence-level task (single-sentence, pair and multi-label classification): it
 * reads the family's sentence vector, the pooler output where the encoder has a pooler, otherwise
 * the summary token's hidden state ({@link EncodedBatch#sentenceVector()}). Multi-label tasks read
 * its logits through independent sigmoids, the others through a softmax.
 */
public final class SentenceHead extends TaskHead {

  SentenceHead(TaskSpec spec, NDArray weight, NDArray bias) {
    super(spec, weight, bias);
  }

  @Override
  public NDArray logits(EncodedBatch encoded, boolean training) {
    return project(encoded.sentenceVector(), training);
  }
}
