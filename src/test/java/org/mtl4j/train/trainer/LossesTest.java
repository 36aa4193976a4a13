package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mtl4j.train.loss.BinaryCrossEntropy;
import org.mtl4j.train.loss.CrossEntropy;
import org.mtl4j.train.loss.TokenCrossEntropy;

/** The losses against values computed by hand. */
class LossesTest {

  private final NDManager manager = NDManager.newBaseManager("PyTorch");

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void crossEntropyIsTheWeightedMeanNegativeLogSoftmaxOfTheGoldClass() {
    NDArray logits = manager.create(new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3));
    NDArray labels = manager.create(new long[] {2, 0});
    double row0 = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
    double row1 = Math.log(3);

    float loss = new CrossEntropy(0.5f).compute(logits, labels).getFloat();

    assertThat(loss).isCloseTo((float) (0.5 * (row0 + row1) / 2), offset(1e-6f));
  }

  @Test
  void tokenLossAveragesOverLabelledPositionsOnly() {
    NDArray logits =
        manager.create(
            new float[] {
              5, -5, /* ignored */ 0, 0, /* gold 1 */ 0, 0,
              9, 9, /* ignored pad */ 0, 0, 0, 0
            },
            new Shape(2, 3, 2));
    NDArray labels = manager.create(new long[] {-100, 1, -100, -100, -100, -100}, new Shape(2, 3));

    float loss = new TokenCrossEntropy(1f).compute(logits, labels).getFloat();

    assertThat(loss).isCloseTo((float) Math.log(2), offset(1e-6f));
    NDArray none = manager.full(new Shape(2, 3), -100L);
    assertThat(new TokenCrossEntropy(1f).compute(logits, none).getFloat()).isZero();
  }

  @Test
  void binaryCrossEntropyMatchesTheSigmoidFormulaEvenForLargeLogits() {
    NDArray logits = manager.create(new float[] {0, 2, -30, 40}, new Shape(1, 4));
    NDArray labels = manager.create(new long[] {1, 0, 0, 1}, new Shape(1, 4));
    double expected =
        (Math.log(2)
                + (2 + Math.log1p(Math.exp(-2)))
                + Math.log1p(Math.exp(-30))
                + Math.log1p(Math.exp(-40)))
            / 4;

    float loss = new BinaryCrossEntropy(2f).compute(logits, labels).getFloat();

    assertThat(loss).isCloseTo((float) (2 * expected), offset(1e-5f));
  }
}
