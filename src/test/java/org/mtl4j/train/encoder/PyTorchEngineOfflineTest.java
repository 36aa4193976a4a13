package org.mtl4j.train.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads from the bundled native jar with downloads switched off. */
class PyTorchEngineOfflineTest {

  @Test
  void enginesLoadsOfflineFromTheBundledNativeJar() {
    assertThat(Utils.isOfflineMode()).as("surefire runs DJL offline").isTrue();
    Engine engine = Engine.getEngine("PyTorch");
    assertThat(engine.getVersion()).isEqualTo("2.7.1");
    try (NDManager manager = engine.newBaseManager()) {
      NDArray x = manager.create(new float[] {1f, 2f, 3f});
      assertThat(x.mul(2).toFloatArray()).containsExactly(2f, 4f, 6f);
    }
  }
}
