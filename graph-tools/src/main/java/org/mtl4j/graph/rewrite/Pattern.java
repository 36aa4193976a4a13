package org.mtl4j.graph.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;

/**
 * A tree pattern over a graph's values, matched from a root node backwards through producers:
 *
 * <pre>{@code
 * Pattern p = Pattern.op("Add", Pattern.op("MatMul", Pattern.any("x"), Pattern.constant("w")).as("mm"),
 *     Pattern.constant("b")).commutative().as("add");
 * Optional<Match> m = p.match(editor, node);
 * }</pre>
 *
 * An operator pattern matches a value produced by a node of that type (and domain) whose inputs
 * match the sub-patterns in order (either order for a {@link Op#commutative()} binary node); {@link
 * #any} matches every value and binds it to a label (a label used twice must meet the same value);
 * {@link #constant} matches an initializer or Constant output; {@link #scalar} matches a constant
 * whose every element equals a number.
 */
public abstract sealed class Pattern permits Pattern.Op, Pattern.Any, Pattern.Const {

  Pattern() {}

  /**
   * @param opType the operator (ai.onnx unless {@link Op#domain} says otherwise)
   * @param inputs patterns for the node's inputs; none to leave the inputs unchecked
   * @return an operator pattern
   */
  public static Op op(String opType, Pattern... inputs) {
    return new Op(opType, List.of(inputs));
  }

  /**
   * @param label the binding's name
   * @return a pattern matching any value
   */
  public static Pattern any(String label) {
    return new Any(label);
  }

  /**
   * @param label the binding's name
   * @return a pattern matching a constant value
   */
  public static Pattern constant(String label) {
    return new Const(label, t -> true);
  }

  /**
   * @param label the binding's name
   * @param test what the constant must satisfy
   * @return a pattern matching a constant value that passes the test
   */
  public static Pattern constant(String label, Predicate<Tensor> test) {
    return new Const(label, test);
  }

  /**
   * @param value the number every element must equal (relative tolerance 1e-6)
   * @return a pattern matching a float or integer constant of that value
   */
  public static Pattern scalar(double value) {
    return new Const(null, t -> Constants.allEqual(t, value, 1e-6));
  }

  /**
   * Matches the pattern at a node's output.
   *
   * @param g the graph
   * @param root the node the pattern's root must match
   * @return the bindings when it matches
   */
  public Optional<Match> match(GraphEditor g, Node root) {
    if (!(this instanceof Op op)) {
      throw new IllegalStateException("a pattern's root must be an operator pattern");
    }
    Match m = new Match();
    return op.matchNode(g, root, m) ? Optional.of(m) : Optional.empty();
  }

  abstract boolean matchValue(GraphEditor g, String value, Match m);

  /** An operator pattern. */
  public static final class Op extends Pattern {
    private final String opType;
    private final List<Pattern> inputs;
    private final List<Predicate<Node>> conditions = new ArrayList<>();
    private String domain = "";
    private String label;
    private boolean commutative;

    private Op(String opType, List<Pattern> inputs) {
      this.opType = opType;
      this.inputs = inputs;
    }

    /**
     * @param opDomain the node's domain
     * @return this pattern
     */
    public Op domain(String opDomain) {
      this.domain = opDomain;
      return this;
    }

    /**
     * @param nodeLabel the name the matched node is bound to
     * @return this pattern
     */
    public Op as(String nodeLabel) {
      this.label = nodeLabel;
      return this;
    }

    /**
     * @return this pattern, whose two inputs may match in either order
     */
    public Op commutative() {
      this.commutative = true;
      return this;
    }

    /**
     * @param name an INT attribute
     * @param value the value it must have (absent attributes never match)
     * @return this pattern
     */
    public Op attr(String name, long value) {
      conditions.add(
          n ->
              n.attribute(name)
                  .map(a -> a instanceof Attribute.IntAttr i && i.value() == value)
                  .orElse(false));
      return this;
    }

    /**
     * @param name an INTS attribute
     * @param values the values it must have
     * @return this pattern
     */
    public Op attr(String name, long... values) {
      conditions.add(
          n ->
              n.attribute(name)
                  .map(
                      a ->
                          a instanceof Attribute.IntsAttr i
                              && java.util.Arrays.equals(i.values(), values))
                  .orElse(false));
      return this;
    }

    /**
     * @param condition any further condition on the node
     * @return this pattern
     */
    public Op where(Predicate<Node> condition) {
      conditions.add(condition);
      return this;
    }

    @Override
    boolean matchValue(GraphEditor g, String value, Match m) {
      Optional<Node> p = g.producer(value);
      return p.isPresent() && p.get().outputs().indexOf(value) == 0 && matchNode(g, p.get(), m);
    }

    boolean matchNode(GraphEditor g, Node n, Match m) {
      if (!n.opType().equals(opType) || !n.domain().equals(domain)) {
        return false;
      }
      for (Predicate<Node> c : conditions) {
        if (!c.test(n)) {
          return false;
        }
      }
      if (label != null && !m.bindNode(label, n)) {
        return false;
      }
      m.matched.add(n);
      if (inputs.isEmpty()) {
        return true;
      }
      if (n.inputs().size() != inputs.size()) {
        return false;
      }
      Match saved = m.copy();
      if (matchInputs(g, n.inputs(), m)) {
        return true;
      }
      if (commutative && inputs.size() == 2) {
        m.restore(saved);
        return matchInputs(g, List.of(n.inputs().get(1), n.inputs().get(0)), m);
      }
      return false;
    }

    private boolean matchInputs(GraphEditor g, List<String> values, Match m) {
      for (int i = 0; i < inputs.size(); i++) {
        if (!inputs.get(i).matchValue(g, values.get(i), m)) {
          return false;
        }
      }
      return true;
    }
  }

  /** A pattern matching any value. */
  static final class Any extends Pattern {
    private final String label;

    Any(String label) {
      this.label = label;
    }

    @Override
    boolean matchValue(GraphEditor g, String value, Match m) {
      return !value.isEmpty() && m.bindValue(label, value);
    }
  }

  /** A pattern matching a constant. */
  static final class Const extends Pattern {
    private final String label;
    private final Predicate<Tensor> test;

    Const(String label, Predicate<Tensor> test) {
      this.label = label;
      this.test = test;
    }

    @Override
    boolean matchValue(GraphEditor g, String value, Match m) {
      Optional<Tensor> t = g.constant(value);
      if (t.isEmpty() || t.get().elemType() == ElemType.STRING || !test.test(t.get())) {
        return false;
      }
      if (label != null) {
        return m.bindValue(label, value) && m.bindConstant(label, t.get());
      }
      return true;
    }
  }
}
