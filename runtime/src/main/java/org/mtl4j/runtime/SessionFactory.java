package org.mtl4j.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates ONNX Runtime sessions by path with explicit threads, optimisation level and execution
 * provider; applies the configured fallback when a provider cannot load.
 */
final class SessionFactory {

  private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

  /** Providers whose fallback was already reported, so the warning appears once per process. */
  private static final Set<ExecutionProvider.Kind> WARNED = ConcurrentHashMap.newKeySet();

  /** Largest batch a default TensorRT shape profile covers. */
  static final int TRT_MAX_BATCH = 64;

  private SessionFactory() {}

  /**
   * @return the providers for which a fallback warning was logged in this process
   */
  static Set<ExecutionProvider.Kind> warnedFallbacks() {
    return Set.copyOf(WARNED);
  }

  /**
   * @param onnx the model file
   * @param options runtime options
   * @param maxLength the manifest's maximum sequence length (TensorRT shape profiles)
   * @param family the encoder family (which inputs TensorRT profiles name)
   * @return an open session
   * @throws ModelLoadException when the file is not a loadable ONNX model, or the provider cannot
   *     load and the fallback is {@link ProviderFallback#FAIL}
   */
  static InferenceSession open(Path onnx, RuntimeOptions options, int maxLength, String family) {
    ExecutionProvider provider = options.provider();
    if (provider.kind() == ExecutionProvider.Kind.CPU) {
      return create(onnx, options, null, maxLength, family);
    }
    try {
      return create(onnx, options, provider, maxLength, family);
    } catch (ProviderException e) {
      if (options.fallback() == ProviderFallback.FAIL) {
        throw new ModelLoadException(
            provider.kind()
                + " execution provider is not available for "
                + onnx
                + ": "
                + e.getMessage()
                + " (use the onnxruntime_gpu artifact, mvn -Pgpu, on a machine with CUDA)",
            e.getCause());
      }
      if (WARNED.add(provider.kind())) {
        LOG.warn(
            "{} execution provider is not available ({}); running {} on CPU",
            provider.kind(),
            e.getMessage(),
            onnx);
      }
      return create(onnx, options, null, maxLength, family);
    }
  }

  /**
   * Opens a CPU session without graph optimisation, for reading metadata only.
   *
   * @param onnx the model file
   * @return an open session
   */
  static InferenceSession openForMetadata(Path onnx) {
    RuntimeOptions plain =
        RuntimeOptions.builder()
            .optIntraOpThreads(1)
            .optOptimizationLevel(OptimizationLevel.NONE)
            .build();
    return create(onnx, plain, null, 1, "");
  }

  /**
   * Opens serialized model bytes on the CPU provider.
   *
   * @param model the ONNX bytes
   * @param options threads and optimisation level
   * @return an open session
   * @throws ModelLoadException when the bytes are not a loadable ONNX model
   */
  static InferenceSession open(byte[] model, RuntimeOptions options) {
    SessionOptions so = sessionOptions(options);
    try {
      return new InferenceSession(
          OrtEnvironment.getEnvironment().createSession(model, so),
          so,
          ExecutionProvider.Kind.CPU,
          "the in-memory model");
    } catch (OrtException e) {
      so.close();
      throw new ModelLoadException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
    }
  }

  private static SessionOptions sessionOptions(RuntimeOptions options) {
    SessionOptions so = new SessionOptions();
    try {
      so.setIntraOpNumThreads(options.intraOpThreads());
      so.setInterOpNumThreads(options.interOpThreads());
      so.setExecutionMode(
          options.interOpThreads() > 1
              ? SessionOptions.ExecutionMode.PARALLEL
              : SessionOptions.ExecutionMode.SEQUENTIAL);
      so.setOptimizationLevel(options.optimizationLevel().ort());
      so.addConfigEntry("session.intra_op.allow_spinning", options.spinning() ? "1" : "0");
      so.addConfigEntry("session.inter_op.allow_spinning", options.spinning() ? "1" : "0");
    } catch (OrtException e) {
      so.close();
      throw new ModelLoadException("invalid ONNX Runtime session options: " + e.getMessage(), e);
    }
    return so;
  }

  private static InferenceSession create(
      Path onnx, RuntimeOptions options, ExecutionProvider provider, int maxLength, String family) {
    SessionOptions so = sessionOptions(options);
    if (provider != null) {
      try {
        addProvider(so, provider, maxLength, family);
      } catch (OrtException | RuntimeException e) {
        so.close();
        throw new ProviderException(e.getMessage(), e);
      }
    }
    try {
      OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx.toString(), so);
      return new InferenceSession(
          session,
          so,
          provider == null ? ExecutionProvider.Kind.CPU : provider.kind(),
          onnx.toString());
    } catch (OrtException e) {
      so.close();
      if (provider != null && mentionsProvider(e.getMessage())) {
        throw new ProviderException(e.getMessage(), e);
      }
      throw new ModelLoadException(onnx + " is not a loadable ONNX model: " + e.getMessage(), e);
    }
  }

  private static boolean mentionsProvider(String message) {
    String m = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
    return m.contains("cuda") || m.contains("tensorrt") || m.contains("provider");
  }

  private static void addProvider(
      SessionOptions so, ExecutionProvider provider, int maxLength, String family)
      throws OrtException {
    switch (provider.kind()) {
      case CUDA -> {
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(provider.deviceId())) {
          for (Map.Entry<String, String> e : provider.options().entrySet()) {
            cuda.add(e.getKey(), e.getValue());
          }
          so.addCUDA(cuda);
        }
      }
      case TENSORRT -> {
        try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(provider.deviceId())) {
          for (Map.Entry<String, String> e :
              tensorRtOptions(provider, maxLength, family).entrySet()) {
            trt.add(e.getKey(), e.getValue());
          }
          so.addTensorrt(trt);
        }
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(provider.deviceId())) {
          so.addCUDA(cuda);
        }
      }
      case CPU -> throw new IllegalStateException("CPU needs no provider registration");
    }
  }

  /**
   * The TensorRT options: the caller's map, plus shape profiles from batch 1 x length 1 to {@value
   * #TRT_MAX_BATCH} x maxLength unless the caller set them; an engine cache folder ({@code
   * trt_engine_cache_path}) turns the engine cache on.
   *
   * @param provider the TensorRT provider
   * @param maxLength the manifest's maximum sequence length
   * @param family the encoder family
   * @return the options to pass to ONNX Runtime
   */
  static Map<String, String> tensorRtOptions(
      ExecutionProvider provider, int maxLength, String family) {
    Map<String, String> all = new LinkedHashMap<>();
    List<String> inputs =
        OnnxContract.inputs(
            EncoderFamily.find(family).map(EncoderFamily::usesTokenTypeIds).orElse(false));
    all.put("trt_profile_min_shapes", profile(inputs, 1, 1));
    all.put("trt_profile_opt_shapes", profile(inputs, 8, Math.min(128, maxLength)));
    all.put("trt_profile_max_shapes", profile(inputs, TRT_MAX_BATCH, maxLength));
    all.putAll(provider.options());
    all.remove("device_id");
    if (all.containsKey("trt_engine_cache_path")) {
      all.putIfAbsent("trt_engine_cache_enable", "1");
    }
    return all;
  }

  private static String profile(List<String> inputs, int batch, int length) {
    StringBuilder sb = new StringBuilder();
    for (String input : inputs) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(input).append(':').append(batch).append('x').append(length);
    }
    return sb.toString();
  }

  /** A provider failed to register or initialise. */
  private static final class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProviderException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
