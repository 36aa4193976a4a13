package org.mtl4j.graph.ir;

import java.util.Objects;

/**
 * One dimension of a {@link Shape}: a fixed size, a named dynamic dimension ({@code "batch"}), or
 * an unknown one.
 *
 * @param value the size when fixed, otherwise -1
 * @param param the dimension's name when it is a named dynamic dimension, otherwise null
 */
public record Dim(long value, String param) {

  private static final Dim UNKNOWN = new Dim(-1, null);

  /** Checks that at most one of size and name is given and that a size is not negative. */
  public Dim {
    if (param != null && value != -1) {
      throw new IllegalArgumentException("a dimension is either fixed or named, not both");
    }
    if (value < -1) {
      throw new IllegalArgumentException("negative dimension " + value);
    }
    if (param != null && param.isEmpty()) {
      throw new IllegalArgumentException("a named dimension needs a non-empty name");
    }
  }

  /**
   * @param size a size of zero or more
   * @return a fixed dimension
   */
  public static Dim fixed(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative dimension " + size);
    }
    return new Dim(size, null);
  }

  /**
   * @param name the dynamic dimension's name
   * @return a named dynamic dimension
   */
  public static Dim named(String name) {
    return new Dim(-1, Objects.requireNonNull(name, "name"));
  }

  /**
   * @return a dimension of unknown size and no name
   */
  public static Dim unknown() {
    return UNKNOWN;
  }

  /**
   * @return whether the size is fixed
   */
  public boolean isFixed() {
    return value >= 0;
  }

  /**
   * @return whether this is a named dynamic dimension
   */
  public boolean isNamed() {
    return param != null;
  }

  /**
   * @return the size as a {@link Long}, the name as a {@link String}, or null when unknown; what
   *     {@code mtl inspect --json} prints for the dimension
   */
  public Object toJsonValue() {
    return isFixed() ? (Object) value : param;
  }

  @Override
  public String toString() {
    return isFixed() ? Long.toString(value) : isNamed() ? param : "?";
  }
}
