package org.mtl4j.train.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtl4j.zoo.encoder.Activation;

/** The building blocks against values computed by hand. */
class TransformerOpsTest {

  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @Test
  void exactGeluUsesTheErrorFunction() {
    float[] y =
        TransformerOps.activate(Activation.GELU, manager.create(new float[] {-1f, 0f, 1f, 2f}))
            .toFloatArray();

    assertThat(y[0]).isCloseTo(-0.158655254f, within(1e-6f));
    assertThat(y[1]).isZero();
    assertThat(y[2]).isCloseTo(0.841344746f, within(1e-6f));
    assertThat(y[3]).isCloseTo(1.954499736f, within(1e-6f));
  }

  @Test
  void tanhGeluIsTheApproximation() {
    float[] y =
        TransformerOps.activate(Activation.GELU_TANH, manager.create(new float[] {-1f, 1f, 2f}))
            .toFloatArray();

    assertThat(y[0]).isCloseTo(-0.158808009f, within(1e-6f));
    assertThat(y[1]).isCloseTo(0.841191991f, within(1e-6f));
    assertThat(y[2]).isCloseTo(1.954597694f, within(1e-6f));
  }

  @Test
  void layerNormAppliesTheFamilysEpsilon() {
    NDArray x = manager.create(new float[] {1f, 1.002f}, new Shape(1, 2));
    NDArray gamma = manager.ones(new Shape(2));
    NDArray beta = manager.zeros(new Shape(2));

    float tight = TransformerOps.layerNorm(x, gamma, beta, 1e-12f).toFloatArray()[1];
    float loose = TransformerOps.layerNorm(x, gamma, beta, 1e-5f).toFloatArray()[1];

    assertThat(tight).isCloseTo(1f, within(1e-3f));
    assertThat(loose).isCloseTo((float) (0.001 / Math.sqrt(1e-6 + 1e-5)), within(1e-3f));
  }

  @Test
  void maskedKeysGetNoAttention() {
    NDArray mask = manager.create(new long[] {1, 1, 0}, new Shape(1, 3));
    NDArray q = manager.randomNormal(new Shape(1, 1, 3, 4));
    NDArray k = manager.randomNormal(new Shape(1, 1, 3, 4));
    NDArray v =
        manager.create(
            new float[] {1, 1, 1, 1, 2, 2, 2, 2, 1e6f, 1e6f, 1e6f, 1e6f}, new Shape(1, 1, 3, 4));

    NDArray out = TransformerOps.attention(q, k, v, TransformerOps.additiveMask(mask), 0f, false);

    float[] values = out.toFloatArray();
    for (float value : values) {
      assertThat(value).isBetween(1f, 2f);
    }
  }

  @Test
  void relativePositionsEncodeDistancesAndClampThem() {
    int length = 4;
    NDArray positions = RelativeAttentionLayer.relativePositions(manager, length, 8, -1);

    assertThat(positions.getShape()).isEqualTo(new Shape(2 * length, 8));
    float[] row = positions.get(length).toFloatArray(); // distance 0: sin 0 = 0, cos 0 = 1
    assertThat(row).containsExactly(0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f);
    float[] clamped =
        RelativeAttentionLayer.relativePositions(manager, length, 8, 2).get(0).toFloatArray();
    float[] two = positions.get(length - 2).toFloatArray();
    assertThat(clamped).containsExactly(two);
  }
}
