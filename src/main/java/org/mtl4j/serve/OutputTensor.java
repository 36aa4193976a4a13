package org.mtl4j.serve;

import java.util.List;

/**
 * An output tensor of an Open Inference Protocol response: BYTES tensors carry {@code strings},
 * FP32 tensors {@code floats}, flattened in row-major order.
 *
 * @param name the tensor's name, {@code <task>.<kind>}
 * @param datatype {@code BYTES} or {@code FP32}
 * @param shape the shape, first dimension one row per input
 * @param strings the BYTES elements, or null
 * @param floats the FP32 elements, or null
 */
public record OutputTensor(
    String name, String datatype, List<Long> shape, List<String> strings, float[] floats) {

  /** The datatype of float outputs. */
  public static final String FP32 = "FP32";

  /** Copies the lists. */
  public OutputTensor {
    shape = List.copyOf(shape);
    strings = strings == null ? null : List.copyOf(strings);
  }

  static OutputTensor bytes(String name, List<String> rows) {
    return new OutputTensor(name, InferRequest.BYTES, List.of((long) rows.size()), rows, null);
  }

  static OutputTensor fp32(String name, List<Long> shape, float[] values) {
    return new OutputTensor(name, FP32, shape, null, values);
  }
}
