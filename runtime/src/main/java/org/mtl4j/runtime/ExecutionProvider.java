package org.mtl4j.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * Where a model runs: CPU, or CUDA / TensorRT with their provider options as a string map (ONNX
 * Runtime's own keys, e.g. {@code device_id}, {@code trt_fp16_enable}, {@code
 * trt_engine_cache_path}).
 *
 * @param kind the provider
 * @param options provider options passed through to ONNX Runtime
 */
public record ExecutionProvider(Kind kind, Map<String, String> options) {

  /** The providers this runtime can configure. */
  public enum Kind {
    /** ONNX Runtime's default CPU provider. */
    CPU,
    /** NVIDIA CUDA (needs the onnxruntime_gpu artifact, {@code -Pgpu}). */
    CUDA,
    /** NVIDIA TensorRT, with CUDA for the nodes TensorRT does not take. */
    TENSORRT
  }

  /** The CPU provider. */
  public static final ExecutionProvider CPU = new ExecutionProvider(Kind.CPU, Map.of());

  /** Validates the values. */
  public ExecutionProvider {
    Objects.requireNonNull(kind, "provider kind");
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /**
   * @param options CUDA provider options, e.g. {@code device_id}
   * @return the CUDA provider
   */
  public static ExecutionProvider cuda(Map<String, String> options) {
    return new ExecutionProvider(Kind.CUDA, options);
  }

  /**
   * @param options TensorRT provider options; shape profiles default to the manifest's maximum
   *     length
   * @return the TensorRT provider
   */
  public static ExecutionProvider tensorRt(Map<String, String> options) {
    return new ExecutionProvider(Kind.TENSORRT, options);
  }

  /**
   * @return the {@code device_id} option, 0 when absent
   */
  public int deviceId() {
    String id = options.getOrDefault("device_id", "0");
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("provider option device_id must be an integer, was " + id);
    }
  }
}
