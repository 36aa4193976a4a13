package org.mtl4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.ExecutionProvider;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.MicrometerListener;
import org.mtl4j.runtime.ModelLoadException;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.OptimizationLevel;
import org.mtl4j.runtime.ProviderFallback;
import org.mtl4j.runtime.RuntimeOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration creates, and refuses, for each combination of settings. */
class MtlAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(MtlAutoConfiguration.class, MtlHealthAutoConfiguration.class));

  private final ApplicationContextRunner withModel =
      runner.withPropertyValues(
          "mtl4j.model.path=" + TinyPackage.path(), "mtl4j.runtime.intra-op-threads=1");

  @Test
  void settingsBindToTheRuntimesOptions() {
    withModel
        .withPropertyValues(
            "mtl4j.runtime.provider=cpu",
            "mtl4j.runtime.require-provider=true",
            "mtl4j.runtime.provider-options.device_id=0",
            "mtl4j.runtime.session-optimization=basic",
            "mtl4j.batching.enabled=true",
            "mtl4j.batching.max-batch-size=8",
            "mtl4j.batching.max-delay=5ms",
            "mtl4j.batching.request-timeout=3s")
        .run(
            context -> {
              MtlProperties properties = context.getBean(MtlProperties.class);
              RuntimeOptions runtime =
                  properties.runtime().toRuntimeOptions(InferenceListener.NONE);
              assertThat(runtime.intraOpThreads()).isEqualTo(1);
              assertThat(runtime.optimizationLevel()).isEqualTo(OptimizationLevel.BASIC);
              assertThat(runtime.fallback()).isEqualTo(ProviderFallback.FAIL);
              assertThat(runtime.provider())
                  .isEqualTo(
                      new ExecutionProvider(ExecutionProvider.Kind.CPU, Map.of("device_id", "0")));
              assertThat(properties.batching().toBatcherOptions())
                  .isEqualTo(
                      new BatcherOptions(8, Duration.ofMillis(5), 1024, Duration.ofSeconds(3), 1));
              assertThat(context).hasSingleBean(MicroBatcher.class);
            });
  }

  @Test
  void providerThatCannotLoadFallsBackToCpuAndHealthSaysSo() {
    withModel
        .withPropertyValues("mtl4j.runtime.provider=cuda")
        .run(
            context -> {
              assertThat(context.getBean(MtlModel.class).provider())
                  .isEqualTo(ExecutionProvider.Kind.CPU);
              assertThat(context.getBean(MtlHealthIndicator.class).health().getDetails())
                  .containsEntry("provider", "CPU")
                  .containsEntry("configuredProvider", "CUDA");
            });
  }

  @Test
  void requiredProviderThatCannotLoadStopsTheStart() {
    withModel
        .withPropertyValues("mtl4j.runtime.provider=cuda", "mtl4j.runtime.require-provider=true")
        .run(
            context ->
                assertThat(
                        new ModelLoadFailureAnalyzer()
                            .analyze(context.getStartupFailure())
                            .getDescription())
                    .contains("CUDA execution provider is not available"));
  }

  @Test
  void unsetSettingsAreTheRuntimesDefaults() {
    runner
        .withPropertyValues("mtl4j.model.path=" + TinyPackage.path())
        .run(
            context -> {
              MtlProperties properties = context.getBean(MtlProperties.class);
              assertThat(properties.runtime().toRuntimeOptions(InferenceListener.NONE))
                  .isEqualTo(RuntimeOptions.defaults());
              assertThat(properties.batching().toBatcherOptions())
                  .isEqualTo(BatcherOptions.defaults());
              assertThat(context).hasSingleBean(MtlModel.class).doesNotHaveBean(MicroBatcher.class);
            });
  }

  @Test
  void missingPathFailsNamingTheProperty() {
    runner.run(
        context -> {
          assertThat(context)
              .getFailure()
              .rootCause()
              .isInstanceOf(ModelLoadException.class)
              .hasMessage("mtl4j.model.path is not set");
          FailureAnalysis analysis =
              new ModelLoadFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis.getDescription())
              .endsWith("could not be loaded: mtl4j.model.path is not set");
          assertThat(analysis.getAction()).contains("mtl4j.model.path");
        });
  }

  @Test
  void invalidSettingsFailWhileBinding() {
    withModel
        .withPropertyValues("mtl4j.batching.max-batch-size=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("Failed to bind properties under 'mtl4j.batching'")
                    .rootCause()
                    .hasMessageContaining(
                        "maxBatchSize, queueCapacity and workers must be at least 1, were 0"));
    withModel
        .withPropertyValues("mtl4j.runtime.intra-op-threads=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("Failed to bind properties under 'mtl4j.runtime'")
                    .rootCause()
                    .hasMessage("intra-op-threads must be at least 1, was 0"));
  }

  @Test
  void unloadableModelFailsNamingThePath() {
    Path missing = TinyPackage.path().resolveSibling("no-such-model");
    runner
        .withPropertyValues("mtl4j.model.path=" + missing)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining(missing.toString()));
  }

  @Test
  void metersGoToTheApplicationsRegistry() {
    withModel
        .withUserConfiguration(RegistryConfiguration.class)
        .run(
            context -> {
              context.getBean(MtlModel.class).predict("hello");
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(
                      registry
                          .get("mtl.inference.latency")
                          .tag("model", TinyPackage.NAME)
                          .timer()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void anApplicationsListenerReplacesTheMeters() {
    withModel
        .withUserConfiguration(RegistryConfiguration.class, CountingListenerConfiguration.class)
        .run(
            context -> {
              context.getBean(MtlModel.class).predict("hello");
              assertThat(context).doesNotHaveBean(MicrometerListener.class);
              assertThat(context.getBean(CountingListener.class).batches.get()).isEqualTo(1);
              assertThat(context.getBean(MeterRegistry.class).find("mtl.inference.latency").timer())
                  .isNull();
            });
  }

  @Test
  void withoutMicrometerAndHealthTheModelStillLoads() {
    new ApplicationContextRunner()
        .withClassLoader(
            new FilteredClassLoader("io.micrometer.core", "org.springframework.boot.health"))
        .withUserConfiguration(ImportedStarter.class)
        .withPropertyValues(
            "mtl4j.model.path=" + TinyPackage.path(), "mtl4j.runtime.intra-op-threads=1")
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(MtlHealthIndicator.class);
              assertThat(context.getBean(MtlModel.class).predict("hello").results())
                  .containsKey("intent");
            });
  }

  @Test
  void healthIndicatorFollowsItsEnabledProperty() {
    withModel.run(context -> assertThat(context).hasBean("mtlHealthIndicator"));
    withModel
        .withPropertyValues("management.health.mtl.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(MtlHealthIndicator.class));
  }

  @Test
  void anApplicationsOwnModelIsKept() {
    runner
        .withUserConfiguration(OwnModelConfiguration.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(MtlModel.class);
              assertThat(context.getBean(MtlModel.class)).isSameAs(context.getBean("ownModel"));
              assertThat(context.getBean(MtlHealthIndicator.class).health().getDetails())
                  .containsEntry("model", "mtl");
            });
  }

  /** Imports the starter as an application does, through the auto-configuration filters. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({MtlAutoConfiguration.class, MtlHealthAutoConfiguration.class})
  static class ImportedStarter {}

  @Configuration(proxyBeanMethods = false)
  static class RegistryConfiguration {
    @Bean
    SimpleMeterRegistry registry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CountingListenerConfiguration {
    @Bean
    CountingListener countingListener() {
      return new CountingListener();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnModelConfiguration {
    @Bean
    MtlModel ownModel() {
      return MtlModel.load(
          TinyPackage.path(), RuntimeOptions.builder().optIntraOpThreads(1).build());
    }
  }

  static final class CountingListener implements InferenceListener {
    final AtomicInteger batches = new AtomicInteger();

    @Override
    public void batchRun(int rows, int sequenceLength, long nanos) {
      batches.incrementAndGet();
    }
  }
}
