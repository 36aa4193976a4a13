package org.mtl4j.zoo.encoder;

import java.util.Arrays;
import java.util.Objects;

/**
 * One parameter of an encoder: its HuggingFace state_dict key (without task prefix), its shape in
 * PyTorch layout (linear weights are {@code [out, in]}) and what it is.
 *
 * @param name the bare-model state_dict key, e.g. {@code
 *     encoder.layer.0.attention.self.query.weight}
 * @param shape the dimensions; the array is copied and never exposed
 * @param kind what the tensor is
 * @param pooler true when the parameter belongs to the pooler (present only in checkpoints and
 *     packages that carry one)
 */
public record ParameterSpec(String name, long[] shape, ParameterKind kind, boolean pooler) {

  /** Validates and copies. */
  public ParameterSpec {
    Objects.requireNonNull(name, "parameter name");
    Objects.requireNonNull(kind, "parameter kind");
    shape = shape.clone();
    for (long d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "parameter " + name + " has a non-positive dimension: " + Arrays.toString(shape));
      }
    }
  }

  /**
   * @return a copy of the dimensions
   */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * @return the number of elements
   */
  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /**
   * @param dims a shape
   * @return true when it equals this parameter's shape
   */
  public boolean hasShape(long[] dims) {
    return Arrays.equals(shape, dims);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterSpec p
        && name.equals(p.name)
        && Arrays.equals(shape, p.shape)
        && kind == p.kind
        && pooler == p.pooler;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), kind, pooler);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
