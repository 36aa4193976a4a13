package org.mtl4j.metrics.parity;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named float tensor: its shape and its elements in row-major order. The arrays are held, not
 * copied; do not change them after handing them over. Outputs of other float types (fp16, double)
 * are widened or narrowed to float by the caller.
 *
 * @param name the output's name ({@code <task>.logits})
 * @param shape the dimensions, each at least 0
 * @param data the elements, row-major, as many as the shape's product
 */
public record NamedTensor(String name, long[] shape, float[] data) {

  /** Checks that the data fills the shape. */
  public NamedTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    long elements = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "tensor '" + name + "': negative dimension in shape " + Arrays.toString(shape));
      }
      elements *= d;
    }
    if (elements != data.length) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "': shape "
              + Arrays.toString(shape)
              + " holds "
              + elements
              + " elements but "
              + data.length
              + " were given");
    }
  }

  /**
   * @param name the tensor's name
   * @param data the elements, row-major
   * @param shape the dimensions
   * @return the tensor
   */
  public static NamedTensor of(String name, float[] data, long... shape) {
    return new NamedTensor(name, shape, data);
  }

  /**
   * @return the number of dimensions
   */
  public int rank() {
    return shape.length;
  }

  /**
   * Converts a row-major position into an index per dimension.
   *
   * @param flat a position in {@link #data()}
   * @return its index, one entry per dimension
   */
  public long[] index(long flat) {
    long[] index = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] > 0) {
        index[d] = flat % shape[d];
        flat /= shape[d];
      }
    }
    return index;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedTensor t
        && name.equals(t.name)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "NamedTensor[" + name + " " + Arrays.toString(shape) + "]";
  }
}
