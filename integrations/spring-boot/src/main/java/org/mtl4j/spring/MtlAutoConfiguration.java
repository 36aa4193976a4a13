package org.mtl4j.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.MicrometerListener;
import org.mtl4j.runtime.MtlModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures an {@link MtlModel} from {@code mtl4j.model.path} and {@code mtl4j.runtime.*}, a
 * {@link MicroBatcher} when {@code mtl4j.batching.enabled=true}, the runtime's meters in the
 * application's {@link MeterRegistry} when it has one ({@link MtlHealthAutoConfiguration} adds the
 * health indicator). The context closes the batcher and then the model when it shuts down.
 *
 * <p>An application replaces a part by defining its own bean of that type: {@link MtlModel}, {@link
 * MicroBatcher}, or an {@link InferenceListener} in place of the Micrometer one.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@EnableConfigurationProperties(MtlProperties.class)
public class MtlAutoConfiguration {

  /**
   * Loads the model; the context closes it on shutdown.
   *
   * @param properties the starter's settings
   * @param listener the receiver of the model's figures, when the context has one
   * @return the model
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public MtlModel mtlModel(MtlProperties properties, ObjectProvider<InferenceListener> listener) {
    return MtlModel.load(
        properties.model().requiredPath(),
        properties
            .runtime()
            .toRuntimeOptions(listener.getIfAvailable(() -> InferenceListener.NONE)));
  }

  /**
   * Groups concurrent requests into batches; the context closes it before the model.
   *
   * @param model the model it runs
   * @param properties the starter's settings
   * @param listener the receiver of queue and request figures, when the context has one
   * @return the batcher
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty("mtl4j.batching.enabled")
  public MicroBatcher mtlMicroBatcher(
      MtlModel model, MtlProperties properties, ObjectProvider<InferenceListener> listener) {
    return new MicroBatcher(
        model,
        properties.batching().toBatcherOptions(),
        listener.getIfAvailable(() -> InferenceListener.NONE));
  }

  /** The runtime's meters, registered in the application's {@link MeterRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBean(MeterRegistry.class)
  static class MetersConfiguration {

    @Bean
    @ConditionalOnMissingBean(InferenceListener.class)
    MicrometerListener mtlMeters(MeterRegistry registry, MtlProperties properties) {
      return new MicrometerListener(registry, properties.model().nameOrDefault());
    }
  }
}
