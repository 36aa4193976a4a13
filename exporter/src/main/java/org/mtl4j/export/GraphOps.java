package org.mtl4j.export;

import java.util.Map;
import java.util.Objects;
import org.mtl4j.graph.build.GraphBuilder;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The tensor operations the emitters are built from, written once on a {@link GraphBuilder} with
 * standard ONNX operators only (the portable flavour). Weights keep PyTorch's layout and their
 * HuggingFace names: a parameter becomes an initializer of the same name and bytes the first time
 * it is used, and every later use refers to that one initializer (ALBERT's shared layers are
 * therefore stored once). Activations are {@code [batch, sequence, width]}.
 */
final class GraphOps {

  /** The additive fill for masked attention scores; the training side uses the same. */
  static final float MASK_FILL = -Float.MAX_VALUE;

  private final GraphBuilder b;
  private final Map<String, FloatTensor> weights;
  private int constants;

  /**
   * @param builder the graph being built
   * @param weights parameters by HuggingFace name (encoder) or {@code heads.<task>.} name
   */
  GraphOps(GraphBuilder builder, Map<String, FloatTensor> weights) {
    this.b = Objects.requireNonNull(builder, "builder");
    this.weights = Objects.requireNonNull(weights, "weights");
  }

  /** The builder, for nodes the helpers here do not cover. */
  GraphBuilder builder() {
    return b;
  }

  /**
   * The initializer of a parameter, added on first use.
   *
   * @throws IllegalArgumentException naming the parameter when the weights lack it
   */
  String param(String name) {
    if (b.isDefined(name)) {
      return name;
    }
    FloatTensor t = weights.get(name);
    if (t == null) {
      throw new IllegalArgumentException("the weights have no tensor '" + name + "'");
    }
    return b.initializer(Tensor.floats(name, t.shape(), t.data()));
  }

  /** An int64 scalar constant. */
  String longScalar(String base, long value) {
    return b.initializer(Tensor.scalar(constantName(base), value));
  }

  /** A rank-1 int64 constant. */
  String longs(String base, long... values) {
    return b.initializer(Tensor.longs(constantName(base), new long[] {values.length}, values));
  }

  /** A rank-1 float constant. */
  String floats(String base, float... values) {
    return b.initializer(Tensor.floats(constantName(base), new long[] {values.length}, values));
  }

  /** A float scalar constant. */
  String scalar(String base, float value) {
    return b.initializer(Tensor.scalar(constantName(base), value));
  }

  /**
   * A fresh name for a constant, {@code const.<base>.<n>}: dotted, so it never meets a generated
   * node or value name, and outside every HuggingFace and head namespace.
   */
  private String constantName(String base) {
    return "const." + base + "." + constants++;
  }

  String op2(String op, String x, String y) {
    return b.op(op).in(x, y).out();
  }

  String add(String x, String y) {
    return op2("Add", x, y);
  }

  String sub(String x, String y) {
    return op2("Sub", x, y);
  }

  String mul(String x, String y) {
    return op2("Mul", x, y);
  }

  String matMul(String x, String y) {
    return op2("MatMul", x, y);
  }

  String mulScalar(String x, float value) {
    return mul(x, scalar("const", value));
  }

  String unary(String op, String x) {
    return b.op(op).in(x).out();
  }

  String transpose(String x, long... perm) {
    return b.op("Transpose").in(x).attr("perm", perm).out();
  }

  String reshape(String x, long... shape) {
    return b.op("Reshape").in(x, longs("shape", shape)).out();
  }

  String cast(String x, long onnxType) {
    return b.op("Cast").in(x).attr("to", onnxType).out();
  }

  /** Rows of {@code table} picked by {@code indices} along axis 0. */
  String gather(String table, String indices) {
    return b.op("Gather").in(table, indices).attr("axis", 0L).out();
  }

  /** {@code x[:, index, :]} of a {@code [batch, sequence, width]} tensor (negative counts back). */
  String token(String x, long index) {
    return b.op("Gather").in(x, longScalar("token_index", index)).attr("axis", 1L).out();
  }

  /** The sequence length of a {@code [batch, sequence]} input, as an int64 scalar. */
  String sequenceLength(String ids) {
    String shape = unary("Shape", ids);
    return b.op("Gather").in(shape, longScalar("axis1", 1)).attr("axis", 0L).out();
  }

  /** The linear module {@code module}: {@code x · weightᵀ + bias}, weight {@code [out, in]}. */
  String linear(String module, String x) {
    return linearWith(module + ".weight", module + ".bias", x);
  }

  /** A linear layer from explicitly named weight ({@code [out, in]}) and bias parameters. */
  String linearWith(String weight, String bias, String x) {
    String wt = transpose(param(weight), 1, 0);
    return add(matMul(x, wt), param(bias));
  }

  /** The layer-norm module {@code module} over the last axis. */
  String layerNorm(String module, String x, double epsilon) {
    return b.op("LayerNormalization")
        .in(x, param(module + ".weight"), param(module + ".bias"))
        .attr("axis", -1L)
        .attr("epsilon", (float) epsilon)
        .out();
  }

  /** A family's feed-forward activation, element-wise, as the training side computes it. */
  String activate(Activation activation, String x) {
    return switch (activation) {
      case GELU -> {
        String erf = unary("Erf", mulScalar(x, (float) (1.0 / Math.sqrt(2.0))));
        yield mulScalar(mul(x, add(erf, scalar("one", 1f))), 0.5f);
      }
      case GELU_TANH -> {
        String cube = op2("Pow", x, scalar("three", 3f));
        String inner =
            mulScalar(add(x, mulScalar(cube, 0.044715f)), (float) Math.sqrt(2.0 / Math.PI));
        yield mulScalar(mul(x, add(unary("Tanh", inner), scalar("one", 1f))), 0.5f);
      }
      case RELU -> unary("Relu", x);
    };
  }

  /** {@code [batch, sequence, heads·size]} to {@code [batch, heads, sequence, size]}. */
  String splitHeads(String x, int heads, int size) {
    return transpose(reshape(x, 0, 0, heads, size), 0, 2, 1, 3);
  }

  /** {@code [batch, heads, sequence, size]} to {@code [batch, sequence, heads·size]}. */
  String mergeHeads(String x, int width) {
    return reshape(transpose(x, 0, 2, 1, 3), 0, 0, width);
  }

  /**
   * The additive attention bias of a {@code [batch, sequence]} int64 mask: {@code [batch, 1, 1,
   * sequence]} holding 0 for tokens and {@link #MASK_FILL} for padding.
   */
  String additiveMask(String mask) {
    String padding = sub(scalar("one", 1f), cast(mask, FLOAT));
    String fill = mulScalar(padding, MASK_FILL);
    return b.op("Unsqueeze").in(fill, longs("axes", 1, 2)).out();
  }

  /** ONNX's FLOAT element type number, for {@link #cast}. */
  static final long FLOAT = 1;
}
