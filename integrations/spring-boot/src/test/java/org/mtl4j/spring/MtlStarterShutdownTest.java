package org.mtl4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.spring.example.ExampleApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Shutting the example application down closes the starter's batcher and model. */
class MtlStarterShutdownTest {

  @Test
  void closingTheApplicationClosesTheBatcherAndTheModel() throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ExampleApplication.class)
            .web(WebApplicationType.NONE)
            .properties("mtl4j.model.path=" + TinyPackage.path())
            .run();
    MtlModel model = context.getBean(MtlModel.class);
    MicroBatcher batcher = context.getBean(MicroBatcher.class);
    assertThat(batcher.predict(ModelInput.of("hello"), List.of()).results()).containsKey("intent");

    context.close();

    assertThatThrownBy(() -> model.predict("hello"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> batcher.submit(ModelInput.of("hello"), List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("micro-batcher is closed");
  }
}
