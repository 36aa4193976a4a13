package org.mtl4j.serve;

import java.util.List;

/**
 * The name, datatype and shape of a model's input or output in the Open Inference Protocol's model
 * metadata.
 *
 * @param name the tensor's name
 * @param datatype {@code BYTES} or {@code FP32}
 * @param shape the shape, {@code -1} for the number of inputs
 */
public record TensorSpec(String name, String datatype, List<Long> shape) {

  /** The inputs every model takes: {@code text} and optional {@code text_b}, BYTES {@code [n]}. */
  public static final List<TensorSpec> INPUTS =
      List.of(
          new TensorSpec(InferRequest.TEXT, InferRequest.BYTES, List.of(-1L)),
          new TensorSpec(InferRequest.TEXT_B, InferRequest.BYTES, List.of(-1L)));

  /** Copies the shape. */
  public TensorSpec {
    shape = List.copyOf(shape);
  }
}
