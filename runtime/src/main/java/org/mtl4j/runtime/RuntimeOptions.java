package org.mtl4j.runtime;

import java.util.Objects;

/**
 * How a model is loaded and run. Thread counts are always explicit: by default one intra-op thread
 * per available processor and one inter-op thread (sequential execution), the setting that suits
 * one caller at a time; services with many concurrent callers should lower intra-op threads or use
 * {@link MicroBatcher}.
 *
 * @param intraOpThreads threads inside one operator
 * @param interOpThreads threads across operators (sequential execution uses 1)
 * @param optimizationLevel graph optimisation level
 * @param provider execution provider
 * @param fallback what to do when the provider cannot load
 * @param spinning whether idle ONNX Runtime threads spin (lower latency, burns CPU)
 * @param multiLabelThreshold probability at or above which a multi-label class is reported
 * @param listener receiver of timings and sizes
 * @param verifyChecksums whether a package's files are checked against the SHA-256s its manifest
 *     records before the model is loaded (on by default; off for huge files)
 */
public record RuntimeOptions(
    int intraOpThreads,
    int interOpThreads,
    OptimizationLevel optimizationLevel,
    ExecutionProvider provider,
    ProviderFallback fallback,
    boolean spinning,
    double multiLabelThreshold,
    InferenceListener listener,
    boolean verifyChecksums) {

  /** Validates the values. */
  public RuntimeOptions {
    if (intraOpThreads < 1 || interOpThreads < 1) {
      throw new IllegalArgumentException(
          "thread counts must be at least 1, were intra="
              + intraOpThreads
              + " inter="
              + interOpThreads);
    }
    Objects.requireNonNull(optimizationLevel, "optimizationLevel");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(fallback, "fallback");
    if (!(multiLabelThreshold > 0 && multiLabelThreshold < 1)) {
      throw new IllegalArgumentException(
          "multiLabelThreshold must be in (0, 1), was " + multiLabelThreshold);
    }
    Objects.requireNonNull(listener, "listener");
  }

  /**
   * @return the defaults: CPU, all optimisations, one intra-op thread per processor
   */
  public static RuntimeOptions defaults() {
    return builder().build();
  }

  /**
   * @return a builder starting from the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RuntimeOptions}; every setting is optional. */
  public static final class Builder {
    private int intraOpThreads = Runtime.getRuntime().availableProcessors();
    private int interOpThreads = 1;
    private OptimizationLevel optimizationLevel = OptimizationLevel.ALL;
    private ExecutionProvider provider = ExecutionProvider.CPU;
    private ProviderFallback fallback = ProviderFallback.CPU_WITH_WARNING;
    private boolean spinning = false;
    private double multiLabelThreshold = 0.5;
    private InferenceListener listener = InferenceListener.NONE;
    private boolean verifyChecksums = true;

    private Builder() {}

    /**
     * @param threads threads inside one operator
     * @return this builder
     */
    public Builder optIntraOpThreads(int threads) {
      this.intraOpThreads = threads;
      return this;
    }

    /**
     * @param threads threads across operators
     * @return this builder
     */
    public Builder optInterOpThreads(int threads) {
      this.interOpThreads = threads;
      return this;
    }

    /**
     * @param level graph optimisation level
     * @return this builder
     */
    public Builder optOptimizationLevel(OptimizationLevel level) {
      this.optimizationLevel = level;
      return this;
    }

    /**
     * @param provider execution provider
     * @return this builder
     */
    public Builder optProvider(ExecutionProvider provider) {
      this.provider = provider;
      return this;
    }

    /**
     * @param fallback what to do when the provider cannot load
     * @return this builder
     */
    public Builder optFallback(ProviderFallback fallback) {
      this.fallback = fallback;
      return this;
    }

    /**
     * @param spinning whether idle ONNX Runtime threads spin
     * @return this builder
     */
    public Builder optSpinning(boolean spinning) {
      this.spinning = spinning;
      return this;
    }

    /**
     * @param threshold multi-label reporting threshold
     * @return this builder
     */
    public Builder optMultiLabelThreshold(double threshold) {
      this.multiLabelThreshold = threshold;
      return this;
    }

    /**
     * @param listener receiver of timings and sizes
     * @return this builder
     */
    public Builder optListener(InferenceListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * @param verify whether to check a package's checksums before loading (default true)
     * @return this builder
     */
    public Builder optVerifyChecksums(boolean verify) {
      this.verifyChecksums = verify;
      return this;
    }

    /**
     * @return the options
     */
    public RuntimeOptions build() {
      return new RuntimeOptions(
          intraOpThreads,
          interOpThreads,
          optimizationLevel,
          provider,
          fallback,
          spinning,
          multiLabelThreshold,
          listener,
          verifyChecksums);
    }
  }
}
