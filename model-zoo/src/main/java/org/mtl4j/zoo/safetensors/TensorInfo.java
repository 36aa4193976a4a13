package org.mtl4j.zoo.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's entry in a safetensors header.
 *
 * @param name the tensor name
 * @param dtype the element type
 * @param shape the dimensions; the array is copied and never exposed
 * @param begin offset of the first byte, relative to the start of the data section
 * @param end offset one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

  /** Validates and copies. */
  public TensorInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype of " + name);
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * @return the number of elements
   */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /**
   * @return the byte length of the data
   */
  public long byteLength() {
    return end - begin;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t
        && name.equals(t.name)
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape)
        && begin == t.begin
        && end == t.end;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape) + " @" + begin + ".." + end;
  }
}
