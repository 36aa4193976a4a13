package org.mtl4j.graph.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tensor shape of known rank, whose dimensions may be fixed, named or unknown. An unknown rank is
 * represented by a null {@code Shape} where one is allowed ({@link Value#shape()}).
 *
 * @param dims the dimensions, outermost first
 */
public record Shape(List<Dim> dims) {

  /** Copies the dimension list. */
  public Shape {
    dims = List.copyOf(dims);
  }

  /**
   * Makes a shape from a mix of sizes and names: {@code Shape.of("batch", "sequence", 384)}.
   *
   * @param dims each an {@link Integer} or {@link Long} size, a {@link String} name, a {@link Dim},
   *     or null for an unknown dimension
   * @return the shape
   */
  public static Shape of(Object... dims) {
    List<Dim> list = new ArrayList<>(dims.length);
    for (Object d : dims) {
      if (d == null) {
        list.add(Dim.unknown());
      } else if (d instanceof Dim dim) {
        list.add(dim);
      } else if (d instanceof String name) {
        list.add(Dim.named(name));
      } else if (d instanceof Integer || d instanceof Long) {
        list.add(Dim.fixed(((Number) d).longValue()));
      } else {
        throw new IllegalArgumentException("not a dimension: " + d + " (" + d.getClass() + ")");
      }
    }
    return new Shape(list);
  }

  /**
   * @param sizes fixed sizes
   * @return a fully static shape
   */
  public static Shape fixed(long... sizes) {
    List<Dim> list = new ArrayList<>(sizes.length);
    for (long s : sizes) {
      list.add(Dim.fixed(s));
    }
    return new Shape(list);
  }

  /**
   * @return the number of dimensions
   */
  public int rank() {
    return dims.size();
  }

  /**
   * @param i a dimension index
   * @return that dimension
   */
  public Dim dim(int i) {
    return dims.get(i);
  }

  /**
   * @return whether every dimension is fixed
   */
  public boolean isStatic() {
    return dims.stream().allMatch(Dim::isFixed);
  }

  @Override
  public String toString() {
    return dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
