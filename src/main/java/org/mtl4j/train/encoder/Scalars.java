package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between a tensor and a constant that stays correct under autograd.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)} and {@code
 * maximum(Number)} wrap the constant in a tensor over a Java direct buffer and close that tensor
 * straight away. PyTorch's autograd keeps the tensor for the backward pass, but not the buffer:
 * once the garbage collector frees it, the backward pass reads whatever memory took its place, and
 * gradients come out scaled by garbage or as infinity (training then skipped updates at random and
 * two runs with one seed differed). Here the constant is a tensor that PyTorch allocates and owns,
 * so autograd's reference keeps it alive. Addition and subtraction do not keep their operand and
 * need no such care.
 */
public final class Scalars {

  private Scalars() {}

  /**
   * Applies a binary operation to {@code x} and a constant of {@code x}'s type.
   *
   * @param x the tensor
   * @param operation for example {@code NDArray::mul}
   * @param value the constant
   * @return {@code operation(x, value)}
   */
  public static NDArray apply(NDArray x, BinaryOperator<NDArray> operation, float value) {
    try (NDArray constant = x.getManager().full(new Shape(), value, x.getDataType())) {
      return operation.apply(x, constant);
    }
  }
}
