package org.mtl4j.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.ExecutionProvider;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.ModelLoadException;
import org.mtl4j.runtime.OptimizationLevel;
import org.mtl4j.runtime.ProviderFallback;
import org.mtl4j.runtime.RuntimeOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The starter's settings, under {@code mtl4j}: which model to load, how ONNX Runtime runs it, and
 * whether requests go through a micro-batcher.
 *
 * @param model the model to load
 * @param runtime how ONNX Runtime runs the model
 * @param batching the micro-batcher that groups concurrent requests
 */
@ConfigurationProperties("mtl4j")
public record MtlProperties(
    @DefaultValue ModelSettings model,
    @DefaultValue RuntimeSettings runtime,
    @DefaultValue BatchingSettings batching) {

  /**
   * The model to load.
   *
   * @param path Model package directory or exported .onnx file to load. The graph flavour
   *     (portable, ORT-fused, fp16, int8) is the one of the file it points to.
   * @param name Name of the model in meter tags and health details. Defaults to the package
   *     directory's name, or the .onnx file's name without its extension.
   */
  public record ModelSettings(Path path, String name) {

    /**
     * @return the configured path
     * @throws ModelLoadException when {@code mtl4j.model.path} is not set
     */
    public Path requiredPath() {
      if (path == null) {
        throw new ModelLoadException("mtl4j.model.path is not set");
      }
      return path;
    }

    /**
     * @return the configured name, or one derived from the path, or {@code mtl} without either
     */
    public String nameOrDefault() {
      if (name != null && !name.isBlank()) {
        return name;
      }
      Path file = path == null ? null : path.toAbsolutePath().normalize().getFileName();
      if (file == null) {
        return "mtl";
      }
      String fileName = file.toString();
      return fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }
  }

  /**
   * How ONNX Runtime runs the model.
   *
   * @param intraOpThreads Threads inside one ONNX Runtime operator. Defaults to one per available
   *     processor; lower it when many requests run at once.
   * @param provider Execution provider: cpu, cuda or tensorrt (cuda and tensorrt need the
   *     onnxruntime_gpu artifact). A provider that cannot load falls back to CPU with a warning
   *     unless require-provider is set.
   * @param requireProvider Whether to stop the application, instead of falling back to CPU, when
   *     the execution provider cannot load.
   * @param providerOptions Options passed through to the execution provider, under ONNX Runtime's
   *     own keys, e.g. device_id or trt_engine_cache_path.
   * @param sessionOptimization ONNX Runtime's graph optimisation level for the session: none,
   *     basic, extended or all.
   */
  public record RuntimeSettings(
      Integer intraOpThreads,
      @DefaultValue("cpu") ExecutionProvider.Kind provider,
      @DefaultValue("false") boolean requireProvider,
      Map<String, String> providerOptions,
      @DefaultValue("all") OptimizationLevel sessionOptimization) {

    /** Rejects a thread count below one while binding, so the error names the property. */
    public RuntimeSettings {
      if (intraOpThreads != null && intraOpThreads < 1) {
        throw new IllegalArgumentException(
            "intra-op-threads must be at least 1, was " + intraOpThreads);
      }
    }

    /**
     * @param listener receiver of the model's timings and sizes
     * @return the runtime options these settings describe
     */
    public RuntimeOptions toRuntimeOptions(InferenceListener listener) {
      RuntimeOptions.Builder builder =
          RuntimeOptions.builder()
              .optProvider(new ExecutionProvider(provider, providerOptions))
              .optFallback(
                  requireProvider ? ProviderFallback.FAIL : ProviderFallback.CPU_WITH_WARNING)
              .optOptimizationLevel(sessionOptimization)
              .optListener(listener);
      if (intraOpThreads != null) {
        builder.optIntraOpThreads(intraOpThreads);
      }
      return builder.build();
    }
  }

  /**
   * The micro-batcher that groups requests from concurrent callers into one ONNX Runtime run.
   *
   * @param enabled Whether to create a MicroBatcher bean.
   * @param maxBatchSize Most requests run together in one batch.
   * @param maxDelay Longest a request waits for others to join its batch.
   * @param queueCapacity Most requests waiting; further requests are rejected.
   * @param requestTimeout A request not completed within this time fails with a timeout.
   * @param workers Threads running batches, each one batch at a time.
   */
  public record BatchingSettings(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("32") int maxBatchSize,
      @DefaultValue("2ms") Duration maxDelay,
      @DefaultValue("1024") int queueCapacity,
      @DefaultValue("10s") Duration requestTimeout,
      @DefaultValue("1") int workers) {

    /** Applies the runtime's checks while binding, so the error names the properties. */
    public BatchingSettings {
      new BatcherOptions(maxBatchSize, maxDelay, queueCapacity, requestTimeout, workers);
    }

    /**
     * @return the batcher options these settings describe
     */
    public BatcherOptions toBatcherOptions() {
      return new BatcherOptions(maxBatchSize, maxDelay, queueCapacity, requestTimeout, workers);
    }
  }
}
