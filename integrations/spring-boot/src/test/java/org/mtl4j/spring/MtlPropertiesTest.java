package org.mtl4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mtl4j.spring.MtlProperties.ModelSettings;

/** The model's name for meters and health: configured, else taken from the path. */
class MtlPropertiesTest {

  @Test
  void nameComesFromTheSettingThenThePath() {
    assertThat(new ModelSettings(Path.of("models/intents"), "bookings").nameOrDefault())
        .isEqualTo("bookings");
    assertThat(new ModelSettings(Path.of("models/intents/"), null).nameOrDefault())
        .isEqualTo("intents");
    assertThat(new ModelSettings(Path.of("models/intents/model.fused.onnx"), " ").nameOrDefault())
        .isEqualTo("model.fused");
    assertThat(new ModelSettings(null, null).nameOrDefault()).isEqualTo("mtl");
  }
}
