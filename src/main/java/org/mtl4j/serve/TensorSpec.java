package org.mtl4j.serve;

import java.util.List;

/**
 * The name, datatype and shape of a model's input or output in the Open Inference Protocol's model
 * metadata, and what it holds when the name alone does not say.
 *
 * @param name the tensor's name
 * @param datatype {@code BYTES} or {@code FP32}
 * @param shape the shape, {@code -1} for the number of inputs (and variable dimensions)
 * @param description what the tensor holds and how it is laid out, or empty
 */
public record TensorSpec(String name, String datatype, List<Long> shape, String description) {

  /** The inputs every model takes: {@code text} and optional {@code text_b}, BYTES {@code [n]}. */
  public static final List<TensorSpec> INPUTS =
      List.of(
          new TensorSpec(InferRequest.TEXT, InferRequest.BYTES, List.of(-1L)),
          new TensorSpec(InferRequest.TEXT_B, InferRequest.BYTES, List.of(-1L)));

  /** Copies the shape. */
  public TensorSpec {
    shape = List.copyOf(shape);
  }

  /**
   * A tensor its name describes.
   *
   * @param name the tensor's name
   * @param datatype {@code BYTES} or {@code FP32}
   * @param shape the shape
   */
  public TensorSpec(String name, String datatype, List<Long> shape) {
    this(name, datatype, shape, "");
  }
}
