package org.mtl4j.serve;

import java.util.List;

/**
 * An input tensor of an Open Inference Protocol request as it arrived, before it is checked: its
 * name, datatype, shape and, for BYTES tensors, the elements decoded as UTF-8 (null for other
 * datatypes, whose contents the server never reads).
 *
 * @param name the tensor's name
 * @param datatype the protocol's datatype name, e.g. {@code BYTES}
 * @param shape the declared shape
 * @param strings the elements, flattened in row-major order, or null
 */
public record InputTensor(String name, String datatype, List<Long> shape, List<String> strings) {

  /** Copies the lists. */
  public InputTensor {
    shape = List.copyOf(shape);
    strings = strings == null ? null : List.copyOf(strings);
  }
}
