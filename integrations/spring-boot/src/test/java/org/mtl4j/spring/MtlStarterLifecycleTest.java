package org.mtl4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.spring.example.ExampleApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example application's life: shutting it down closes the starter's batcher and model, and a
 * model that cannot load stops it with Spring Boot's failure report naming the file.
 */
@ExtendWith(OutputCaptureExtension.class)
class MtlStarterLifecycleTest {

  @Test
  void closingTheApplicationClosesTheBatcherAndTheModel() throws Exception {
    ConfigurableApplicationContext context = example(TinyPackage.path()).run();
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

  @Test
  void aModelThatCannotLoadStopsTheApplicationWithAReport(CapturedOutput output) {
    Path missing = TinyPackage.path().resolveSibling("no-such-model");

    assertThatThrownBy(() -> example(missing).run())
        .hasRootCauseMessage(missing + " does not exist (expected a package directory or .onnx)");

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("The mtl4j model could not be loaded: " + missing + " does not exist")
        .contains("Point mtl4j.model.path at a model package directory");
  }

  private static SpringApplicationBuilder example(Path model) {
    return new SpringApplicationBuilder(ExampleApplication.class)
        .web(WebApplicationType.NONE)
        .properties("mtl4j.model.path=" + model);
  }
}
