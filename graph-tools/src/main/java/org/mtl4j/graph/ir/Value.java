package org.mtl4j.graph.ir;

import java.util.Objects;

/**
 * A typed value of a graph: a graph input or output, or an intermediate value with type
 * information.
 *
 * @param name the value's name, unique in its graph
 * @param elemType the element type; {@link ElemType#UNDEFINED} when not known
 * @param shape the shape; null when the rank is not known
 */
public record Value(String name, ElemType elemType, Shape shape) {

  /** Checks the name and element type are present. */
  public Value {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(elemType, "elemType");
  }

  /**
   * @param name the value's name
   * @return a value with unknown type and shape
   */
  public static Value untyped(String name) {
    return new Value(name, ElemType.UNDEFINED, null);
  }

  /**
   * @return whether the element type and the rank are known, as ONNX requires of a main graph's
   *     inputs and outputs
   */
  public boolean isTyped() {
    return elemType != ElemType.UNDEFINED && shape != null;
  }

  @Override
  public String toString() {
    return name + ": " + elemType.displayName() + (shape == null ? "[?]" : shape.toString());
  }
}
