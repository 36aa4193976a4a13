package org.mtl4j.graph.ir;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A node attribute: a name and exactly one value of one of ONNX's attribute types. Arrays are
 * copied in and out, so attributes are immutable.
 */
public sealed interface Attribute {

  /**
   * @return the attribute's name
   */
  String name();

  /**
   * @param name the attribute's name
   * @param value the value
   * @return an INT attribute
   */
  static Attribute of(String name, long value) {
    return new IntAttr(name, value);
  }

  /**
   * @param name the attribute's name
   * @param value the value
   * @return a FLOAT attribute
   */
  static Attribute of(String name, float value) {
    return new FloatAttr(name, value);
  }

  /**
   * @param name the attribute's name
   * @param value the value
   * @return a STRING attribute
   */
  static Attribute of(String name, String value) {
    return new StringAttr(name, value);
  }

  /**
   * @param name the attribute's name
   * @param value the value
   * @return a TENSOR attribute
   */
  static Attribute of(String name, Tensor value) {
    return new TensorAttr(name, value);
  }

  /**
   * @param name the attribute's name
   * @param values the values
   * @return an INTS attribute
   */
  static Attribute ints(String name, long... values) {
    return new IntsAttr(name, values);
  }

  /**
   * @param name the attribute's name
   * @param values the values
   * @return a FLOATS attribute
   */
  static Attribute floats(String name, float... values) {
    return new FloatsAttr(name, values);
  }

  /**
   * @param name the attribute's name
   * @param values the values
   * @return a STRINGS attribute
   */
  static Attribute strings(String name, String... values) {
    return new StringsAttr(name, List.of(values));
  }

  /**
   * An INT attribute.
   *
   * @param name the name
   * @param value the value
   */
  record IntAttr(String name, long value) implements Attribute {
    /** Checks the name. */
    public IntAttr {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A FLOAT attribute.
   *
   * @param name the name
   * @param value the value
   */
  record FloatAttr(String name, float value) implements Attribute {
    /** Checks the name. */
    public FloatAttr {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A STRING attribute (UTF-8 on the wire).
   *
   * @param name the name
   * @param value the value
   */
  record StringAttr(String name, String value) implements Attribute {
    /** Checks the name and value. */
    public StringAttr {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A TENSOR attribute (the value of a Constant node, for example).
   *
   * @param name the name
   * @param value the tensor
   */
  record TensorAttr(String name, Tensor value) implements Attribute {
    /** Checks the name and value. */
    public TensorAttr {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A GRAPH attribute (a branch of If, the body of Loop).
   *
   * @param name the name
   * @param value the subgraph
   */
  record GraphAttr(String name, Graph value) implements Attribute {
    /** Checks the name and value. */
    public GraphAttr {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * An INTS attribute.
   *
   * @param name the name
   * @param values the values (copied)
   */
  record IntsAttr(String name, long[] values) implements Attribute {
    /** Copies the values. */
    public IntsAttr {
      Objects.requireNonNull(name, "name");
      values = values.clone();
    }

    @Override
    public long[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IntsAttr a && name.equals(a.name) && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
      return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return name + "=" + Arrays.toString(values);
    }
  }

  /**
   * A FLOATS attribute.
   *
   * @param name the name
   * @param values the values (copied)
   */
  record FloatsAttr(String name, float[] values) implements Attribute {
    /** Copies the values. */
    public FloatsAttr {
      Objects.requireNonNull(name, "name");
      values = values.clone();
    }

    @Override
    public float[] values() {
      return values.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FloatsAttr a && name.equals(a.name) && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
      return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return name + "=" + Arrays.toString(values);
    }
  }

  /**
   * A STRINGS attribute.
   *
   * @param name the name
   * @param values the values
   */
  record StringsAttr(String name, List<String> values) implements Attribute {
    /** Copies the values. */
    public StringsAttr {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }
  }

  /**
   * A TENSORS attribute.
   *
   * @param name the name
   * @param values the tensors
   */
  record TensorsAttr(String name, List<Tensor> values) implements Attribute {
    /** Copies the list. */
    public TensorsAttr {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }
  }

  /**
   * A GRAPHS attribute.
   *
   * @param name the name
   * @param values the subgraphs
   */
  record GraphsAttr(String name, List<Graph> values) implements Attribute {
    /** Copies the list. */
    public GraphsAttr {
      Objects.requireNonNull(name, "name");
      values = List.copyOf(values);
    }
  }
}
