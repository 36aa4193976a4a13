package org.mtl4j.graph.passes.quant;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Which nodes of a float32 graph compute in float16. A node does when it reads or writes a float32
 * value, every value it touches has a known type, and it is none of these:
 *
 * <ul>
 *   <li>on the block list: numerically sensitive operators ({@code Softmax}, exponentials and
 *       logarithms, squares and square roots, means: overflow or lost precision in float16), type
 *       and shape operators ({@code Cast}, {@code Shape}, {@code Range}, {@code ConstantOfShape},
 *       ...), operators with a float input that is not data ({@code Resize}, {@code Dropout}) and
 *       control flow;
 *   <li>a {@code com.microsoft} operator whose schema does not take float16 (only {@code
 *       Attention}, {@code MultiHeadAttention}, {@code SkipLayerNormalization}, {@code
 *       EmbedLayerNormalization}, {@code BiasGelu}, {@code FastGelu}, {@code Gelu} and {@code
 *       BiasAdd} do, per ONNX Runtime's contrib operator schemas), or an operator of another
 *       domain;
 *   <li>a reader of a float computed from integers: the attention-mask arithmetic ({@code
 *       Cast(mask)}, {@code 1 - m}, {@code m * -10000} and where it is added to the scores) and
 *       float shape arithmetic, which float16 would round or overflow;
 *   <li>named in the keep list: by node name, by an output's name, or by task ({@code
 *       <task>.logits}: the node writing it and, when that is a bias {@code Add}, its {@code
 *       MatMul}).
 * </ul>
 *
 * <p>{@code LayerNormalization} converts: its statistics stay float32 ({@code stash_type} 1, its
 * default), as do {@code SkipLayerNormalization}'s, whose kernels accumulate in float32.
 */
final class Float16Policy {

  private static final Set<String> BLOCKED =
      Set.of(
          "Softmax",
          "LogSoftmax",
          "Exp",
          "Log",
          "Pow",
          "Sqrt",
          "Reciprocal",
          "ReduceMean",
          "ReduceSumSquare",
          "ReduceL2",
          "ReduceLogSumExp",
          "Cast",
          "CastLike",
          "Constant",
          "ConstantOfShape",
          "Range",
          "Shape",
          "Size",
          "Resize",
          "Upsample",
          "Dropout",
          "RandomNormal",
          "RandomNormalLike",
          "RandomUniform",
          "RandomUniformLike",
          "If",
          "Loop",
          "Scan");

  private static final Set<String> CONTRIB_FLOAT16 =
      Set.of(
          "Attention",
          "MultiHeadAttention",
          "SkipLayerNormalization",
          "EmbedLayerNormalization",
          "BiasGelu",
          "FastGelu",
          "Gelu",
          "BiasAdd");

  private final Set<String> keepFp32;

  /**
   * @param keepFp32 node names, value names or task names to leave in float32
   */
  Float16Policy(Set<String> keepFp32) {
    this.keepFp32 = Set.copyOf(keepFp32);
  }

  /**
   * @param g the graph
   * @param types its value types
   * @return the nodes to compute in float16
   */
  Set<Node> select(GraphEditor g, ElemTypes types) {
    Set<String> fromIntegers = floatsFromIntegers(g, types);
    Set<Node> kept = kept(g);
    Set<Node> selected = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node n : g.nodes()) {
      if (convertible(n)
          && !kept.contains(n)
          && touchesFloat32(n, types)
          && allTyped(n, types)
          && n.inputs().stream().noneMatch(fromIntegers::contains)) {
        selected.add(n);
      }
    }
    return selected;
  }

  private static boolean convertible(Node n) {
    boolean hasGraph =
        n.attributes().stream()
            .anyMatch(a -> a instanceof Attribute.GraphAttr || a instanceof Attribute.GraphsAttr);
    if (hasGraph) {
      return false;
    }
    if (n.domain().isEmpty()) {
      return !BLOCKED.contains(n.opType());
    }
    return n.domain().equals(OnnxDefaults.MICROSOFT) && CONTRIB_FLOAT16.contains(n.opType());
  }

  private static boolean touchesFloat32(Node n, ElemTypes types) {
    return n.inputs().stream().anyMatch(v -> types.of(v) == ElemType.FLOAT)
        || n.outputs().stream().anyMatch(v -> types.of(v) == ElemType.FLOAT);
  }

  private static boolean allTyped(Node n, ElemTypes types) {
    return n.inputs().stream().allMatch(v -> v.isEmpty() || types.of(v) != ElemType.UNDEFINED)
        && n.outputs().stream().allMatch(v -> v.isEmpty() || types.of(v) != ElemType.UNDEFINED);
  }

  /**
   * Float values computed from integers: the outputs of a node that reads no float at all (a {@code
   * Cast} of the mask, {@code ConstantOfShape}), and of a node reading such a value whose other
   * float inputs are such values or single-element constants.
   */
  private static Set<String> floatsFromIntegers(GraphEditor g, ElemTypes types) {
    Set<String> derived = new HashSet<>();
    boolean changed = true;
    List<Node> nodes = g.nodes();
    for (int sweep = 0; changed && sweep <= nodes.size(); sweep++) {
      changed = false;
      for (Node n : nodes) {
        if (isDerived(g, types, n, derived)) {
          for (String out : n.outputs()) {
            if (ElemTypes.isFloating(types.of(out)) && derived.add(out)) {
              changed = true;
            }
          }
        }
      }
    }
    return derived;
  }

  private static boolean isDerived(GraphEditor g, ElemTypes types, Node n, Set<String> derived) {
    boolean readsDerived = false;
    boolean readsFloat = false;
    for (String in : n.inputs()) {
      if (in.isEmpty() || !ElemTypes.isFloating(types.of(in))) {
        continue;
      }
      readsFloat = true;
      if (derived.contains(in)) {
        readsDerived = true;
      } else if (g.constant(in).map(t -> t.elementCount() > 1).orElse(true)) {
        return false;
      }
    }
    return readsDerived || (!readsFloat && !n.inputs().isEmpty());
  }

  private Set<Node> kept(GraphEditor g) {
    Set<Node> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node n : g.nodes()) {
      if (keepFp32.contains(n.name()) || n.outputs().stream().anyMatch(this::keptValue)) {
        kept.add(n);
        biasedMatMul(g, n).ifPresent(kept::add);
      }
    }
    return kept;
  }

  private boolean keptValue(String value) {
    return keepFp32.contains(value) || keepFp32.stream().anyMatch(k -> value.equals(k + ".logits"));
  }

  /** The MatMul whose only reader is this bias Add. */
  private static Optional<Node> biasedMatMul(GraphEditor g, Node add) {
    if (!add.opType().equals("Add") || !add.domain().isEmpty()) {
      return Optional.empty();
    }
    return add.inputs().stream()
        .map(g::producer)
        .flatMap(Optional::stream)
        .filter(p -> p.opType().equals("MatMul") && p.domain().isEmpty())
        .filter(p -> g.consumers(p.outputs().get(0)).size() == 1)
        .findFirst();
  }
}
