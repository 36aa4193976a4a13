package org.mtl4j.zoo.weights;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor in row-major order. The record owns its arrays: they are not copied, so
 * callers must not change them after handing them over.
 *
 * @param shape the dimensions (empty for a scalar)
 * @param data the elements, row-major; length = product of the dimensions
 */
public record FloatTensor(long[] shape, float[] data) {

  /** Validates that the data fits the shape. */
  public FloatTensor {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    long n = size(shape);
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " elements, data has " + data.length);
    }
  }

  /**
   * @param shape dimensions
   * @return a zero tensor of that shape
   */
  public static FloatTensor zeros(long... shape) {
    return new FloatTensor(shape.clone(), new float[Math.toIntExact(size(shape))]);
  }

  /**
   * @param shape dimensions
   * @return the number of elements
   * @throws IllegalArgumentException for a negative dimension or more than 2^31-1 elements
   */
  public static long size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "tensor of shape " + Arrays.toString(shape) + " exceeds 2^31-1 elements");
    }
    return n;
  }

  /**
   * @return the number of elements
   */
  public int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FloatTensor t
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "FloatTensor" + Arrays.toString(shape);
  }
}
