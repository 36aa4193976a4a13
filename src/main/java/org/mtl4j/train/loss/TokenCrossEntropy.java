package org.mtl4j.train.loss;

import ai.djl.ndarray.NDArray;
import org.mtl4j.train.data.ExampleTokenizer;
import org.mtl4j.train.encoder.Scalars;

/**
 * The NER loss: softmax cross-entropy over {@code [batch, sequence, tags]} logits, averaged over
 * the labelled positions only, the first sub-token of each word. Padding, special tokens and
 * continuation sub-tokens carry {@link ExampleTokenizer#IGNORE_INDEX} and add nothing (the original
 * trained {@code [CLS]}, {@code [SEP]} and {@code X} as real classes). A batch without a labelled
 * position has loss 0. Times the loss weight.
 *
 * @param weight the task's {@code loss_weight}
 */
public record TokenCrossEntropy(float weight) implements TaskLoss {

  @Override
  public NDArray compute(NDArray logits, NDArray labels) {
    int tags = (int) logits.getShape().get(2);
    NDArray labelled = labels.neq(ExampleTokenizer.IGNORE_INDEX);
    NDArray safe = labels.mul(labelled.toType(labels.getDataType(), false));
    NDArray mask = labelled.toType(logits.getDataType(), false);
    NDArray perToken = logits.logSoftmax(-1).mul(safe.oneHot(tags)).sum(new int[] {-1}).neg();
    NDArray count = mask.sum().maximum(1f);
    return Scalars.apply(perToken.mul(mask).sum().div(count), NDArray::mul, weight);
  }
}
