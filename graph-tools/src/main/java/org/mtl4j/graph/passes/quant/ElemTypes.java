package org.mtl4j.graph.passes.quant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * The element type of every value of a graph, inferred forward from the graph's inputs,
 * initializers and declared value types by each operator's output-type rule (the type of its first
 * input unless the operator says otherwise: {@code Cast}'s {@code to}, the comparisons' bool, the
 * shape operators' int64, the normalisations' float32 statistics). A value whose type cannot be
 * told (an operator reading a value of unknown type) is {@link ElemType#UNDEFINED}.
 */
public final class ElemTypes {

  private static final Set<String> INT64_OUTPUTS =
      Set.of("Shape", "Size", "NonZero", "ArgMax", "ArgMin", "NonMaxSuppression");
  private static final Set<String> BOOL_OUTPUTS =
      Set.of(
          "Equal",
          "Less",
          "Greater",
          "LessOrEqual",
          "GreaterOrEqual",
          "Not",
          "And",
          "Or",
          "Xor",
          "IsNaN",
          "IsInf");

  private final Map<String, ElemType> types = new HashMap<>();

  private ElemTypes() {}

  /**
   * @param g the graph
   * @return the types of its values
   */
  public static ElemTypes infer(GraphEditor g) {
    ElemTypes t = new ElemTypes();
    g.graph().valueInfo().forEach(t::declare);
    g.graph().outputs().forEach(t::declare);
    g.graph().inputs().forEach(t::declare);
    g.graph().initializers().forEach((name, tensor) -> t.types.put(name, tensor.elemType()));
    boolean changed = true;
    for (int sweep = 0; changed && sweep <= g.graph().nodes().size(); sweep++) {
      changed = false;
      for (Node n : g.graph().nodes()) {
        List<ElemType> outs = t.outputTypes(n);
        for (int i = 0; i < n.outputs().size(); i++) {
          String out = n.outputs().get(i);
          ElemType type = outs.get(i);
          if (!out.isEmpty() && type != ElemType.UNDEFINED && t.types.get(out) != type) {
            t.types.put(out, type);
            changed = true;
          }
        }
      }
    }
    return t;
  }

  /**
   * @param value a value name
   * @return its element type; {@link ElemType#UNDEFINED} when unknown
   */
  public ElemType of(String value) {
    return types.getOrDefault(value, ElemType.UNDEFINED);
  }

  /**
   * @param type an element type
   * @return whether it is a floating-point type
   */
  public static boolean isFloating(ElemType type) {
    return type == ElemType.FLOAT
        || type == ElemType.FLOAT16
        || type == ElemType.DOUBLE
        || type == ElemType.BFLOAT16;
  }

  private void declare(Value v) {
    if (v.elemType() != ElemType.UNDEFINED) {
      types.put(v.name(), v.elemType());
    }
  }

  private List<ElemType> outputTypes(Node n) {
    ElemType first = n.inputs().isEmpty() ? ElemType.UNDEFINED : of(n.inputs().get(0));
    List<ElemType> outs = new ArrayList<>(n.outputs().size());
    for (int i = 0; i < n.outputs().size(); i++) {
      outs.add(n.domain().isEmpty() ? standardOutput(n, i, first) : contribOutput(n, i, first));
    }
    return outs;
  }

  private ElemType standardOutput(Node n, int output, ElemType first) {
    String op = n.opType();
    if (INT64_OUTPUTS.contains(op) || (op.equals("TopK") && output == 1)) {
      return ElemType.INT64;
    }
    if (BOOL_OUTPUTS.contains(op)) {
      return ElemType.BOOL;
    }
    return switch (op) {
      case "Cast" -> intAttribute(n, "to").map(ElemType::fromCode).orElse(ElemType.UNDEFINED);
      case "CastLike" -> input(n, 1);
      case "Constant" -> constantType(n);
      case "ConstantOfShape" ->
          n.attribute("value")
              .filter(a -> a instanceof Attribute.TensorAttr)
              .map(a -> ((Attribute.TensorAttr) a).value().elemType())
              .orElse(ElemType.FLOAT);
      case "Where" -> input(n, 1);
      case "LayerNormalization" -> output == 0 ? first : ElemType.FLOAT;
      case "DynamicQuantizeLinear" -> output == 1 ? ElemType.FLOAT : ElemType.UINT8;
      case "MatMulInteger", "ConvInteger" -> ElemType.INT32;
      case "DequantizeLinear" -> input(n, 1);
      default -> first;
    };
  }

  private ElemType contribOutput(Node n, int output, ElemType first) {
    if (!n.domain().equals(OnnxDefaults.MICROSOFT)) {
      return ElemType.UNDEFINED;
    }
    return switch (n.opType()) {
      case "EmbedLayerNormalization" -> output == 1 ? ElemType.INT32 : input(n, 2);
      case "SkipLayerNormalization" -> output == 1 || output == 2 ? ElemType.FLOAT : first;
      case "DynamicQuantizeMatMul", "MatMulIntegerToFloat" -> input(n, 2);
      case "QAttention" -> input(n, 3);
      default -> first;
    };
  }

  private ElemType input(Node n, int index) {
    return index < n.inputs().size() ? of(n.inputs().get(index)) : ElemType.UNDEFINED;
  }

  private static ElemType constantType(Node n) {
    for (Attribute a : n.attributes()) {
      switch (a.name()) {
        case "value":
          if (a instanceof Attribute.TensorAttr t) {
            return t.value().elemType();
          }
          break;
        case "value_float", "value_floats":
          return ElemType.FLOAT;
        case "value_int", "value_ints":
          return ElemType.INT64;
        case "value_string", "value_strings":
          return ElemType.STRING;
        default:
          break;
      }
    }
    return ElemType.UNDEFINED;
  }

  private static Optional<Integer> intAttribute(Node n, String name) {
    return n.attribute(name)
        .filter(a -> a instanceof Attribute.IntAttr)
        .map(a -> (int) ((Attribute.IntAttr) a).value());
  }
}
