package org.mtl4j.graph.passes.fusion;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.Constants;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Fuses BERT-style self-attention into {@code com.microsoft:Attention} with packed Q/K/V weights.
 * The matched subgraph, from the Softmax outwards:
 *
 * <pre>
 * q  = Transpose[0,2,1,3](Reshape(x·Wq + bq, [.., .., heads, size]))
 * kᵀ = Transpose[0,2,3,1](Reshape(x·Wk + bk)) (or Transpose[0,2,1,3] then [0,1,3,2])
 * v  = Transpose[0,2,1,3](Reshape(x·Wv + bv))
 * p  = Softmax(q·kᵀ · scale (or / d) + maskBias)
 * y  = Reshape(Transpose[0,2,1,3](p·v), [.., .., hidden])
 * </pre>
 *
 * where {@code maskBias} is {@code (1 - mask)·fill} of a 2-D integer graph input, unsqueezed and
 * cast in any order; its fill becomes the operator's {@code mask_filter_value} and the mask is
 * given to every Attention node through one shared Cast to int32. Shared weights (ALBERT's layers)
 * are packed once.
 */
public final class AttentionFusion implements GraphPass {

  private static final long[] SPLIT = {0, 2, 1, 3};
  private static final long[] SPLIT_TRANSPOSED = {0, 2, 3, 1};
  private static final long[] SWAP_LAST = {0, 1, 3, 2};

  private final Map<List<String>, List<String>> packed = new HashMap<>();

  @Override
  public String name() {
    return "fuse-attention";
  }

  @Override
  public int apply(GraphEditor g) {
    int fused = 0;
    for (Node sm : g.nodes()) {
      if (sm.opType().equals("Softmax") && sm.domain().isEmpty() && lastAxis(sm)) {
        Optional<Found> f = find(g, sm);
        if (f.isPresent()) {
          emit(g, f.get());
          fused++;
        }
      }
    }
    return fused;
  }

  /** The parts of one matched attention. */
  private record Found(
      Node root,
      String x,
      Projection q,
      Projection k,
      Projection v,
      int heads,
      double scale,
      String mask,
      double fill) {}

  /** One of the Q, K, V projections: {@code x·weight + bias}. */
  private record Projection(String x, Tensor weight, Tensor bias, long[] reshape) {}

  private static boolean lastAxis(Node sm) {
    long axis = sm.attribute("axis").map(a -> ((Attribute.IntAttr) a).value()).orElse(-1L);
    return axis == -1 || axis == 3;
  }

  private Optional<Found> find(GraphEditor g, Node sm) {
    String scores = sm.inputs().get(0);
    String mask = null;
    double fill = 0;
    String scaled = scores;
    Optional<Node> add = producer(g, scores, "Add");
    if (add.isPresent()) {
      for (int side = 0; side < 2 && mask == null; side++) {
        Optional<MaskSource> src = MaskSource.trace(g, add.get().inputs().get(side));
        if (src.isPresent()) {
          mask = src.get().input();
          fill = src.get().fill();
          scaled = add.get().inputs().get(1 - side);
        }
      }
      if (mask == null) {
        return Optional.empty();
      }
    }
    double scale = 1.0;
    String qk = scaled;
    Optional<Node> scaling = g.producer(scaled);
    if (scaling.isPresent()
        && (scaling.get().opType().equals("Mul") || scaling.get().opType().equals("Div"))
        && scaling.get().domain().isEmpty()) {
      Node s = scaling.get();
      Optional<Tensor> c = g.constant(s.inputs().get(1));
      int other = 0;
      if (c.isEmpty() && s.opType().equals("Mul")) {
        c = g.constant(s.inputs().get(0));
        other = 1;
      }
      if (c.isEmpty() || c.get().elementCount() != 1) {
        return Optional.empty();
      }
      double k = Constants.scalar(c.get());
      scale = s.opType().equals("Mul") ? k : 1.0 / k;
      qk = s.inputs().get(other);
    }
    Optional<Node> scoresMatMul = producer(g, qk, "MatMul");
    if (scoresMatMul.isEmpty()) {
      return Optional.empty();
    }
    Optional<Projection> q = split(g, scoresMatMul.get().inputs().get(0), SPLIT);
    Optional<Projection> k = keyTransposed(g, scoresMatMul.get().inputs().get(1));
    List<Node> users = g.consumers(sm.outputs().get(0));
    if (q.isEmpty()
        || k.isEmpty()
        || users.size() != 1
        || !users.get(0).opType().equals("MatMul")
        || !users.get(0).inputs().get(0).equals(sm.outputs().get(0))) {
      return Optional.empty();
    }
    Node contextMatMul = users.get(0);
    Optional<Projection> v = split(g, contextMatMul.inputs().get(1), SPLIT);
    Optional<Node> merge =
        onlyConsumer(g, contextMatMul, "Transpose")
            .filter(t -> perm(t, SPLIT))
            .flatMap(t -> onlyConsumer(g, t, "Reshape"));
    if (v.isEmpty() || merge.isEmpty()) {
      return Optional.empty();
    }
    String x = q.get().x();
    if (!k.get().x().equals(x) || !v.get().x().equals(x)) {
      return Optional.empty();
    }
    long[] wq = q.get().weight().dims();
    if (!Arrays.equals(wq, k.get().weight().dims())
        || !Arrays.equals(wq, v.get().weight().dims())
        || wq[0] != wq[1]) {
      return Optional.empty();
    }
    int heads = heads(q.get().reshape());
    if (heads <= 0 || wq[1] % heads != 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Found(merge.get(), x, q.get(), k.get(), v.get(), heads, scale, mask, fill));
  }

  private static int heads(long[] reshape) {
    return reshape != null && reshape.length == 4 ? (int) reshape[2] : -1;
  }

  /** {@code Transpose[perm](Reshape(x·W + b, shape))}. */
  private static Optional<Projection> split(GraphEditor g, String value, long[] perm) {
    Optional<Node> t = producer(g, value, "Transpose").filter(n -> perm(n, perm));
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Optional<Node> reshape = producer(g, t.get().inputs().get(0), "Reshape");
    if (reshape.isEmpty()) {
      return Optional.empty();
    }
    long[] shape = reshapeTarget(g, reshape.get().inputs().get(1));
    Optional<Node> add = producer(g, reshape.get().inputs().get(0), "Add");
    if (add.isEmpty()) {
      return Optional.empty();
    }
    for (int side = 0; side < 2; side++) {
      Optional<Tensor> bias =
          g.constant(add.get().inputs().get(1 - side))
              .filter(b -> b.rank() == 1 && b.elemType() == ElemType.FLOAT);
      Optional<Node> mm = producer(g, add.get().inputs().get(side), "MatMul");
      if (bias.isPresent() && mm.isPresent()) {
        Optional<Tensor> w =
            g.constant(mm.get().inputs().get(1))
                .filter(
                    x ->
                        x.rank() == 2
                            && x.elemType() == ElemType.FLOAT
                            && x.dims()[1] == bias.get().dims()[0]);
        if (w.isPresent()) {
          return Optional.of(new Projection(mm.get().inputs().get(0), w.get(), bias.get(), shape));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Projection> keyTransposed(GraphEditor g, String value) {
    Optional<Projection> direct = split(g, value, SPLIT_TRANSPOSED);
    if (direct.isPresent()) {
      return direct;
    }
    return producer(g, value, "Transpose")
        .filter(t -> perm(t, SWAP_LAST))
        .flatMap(t -> split(g, t.inputs().get(0), SPLIT));
  }

  /** The target shape of a Reshape: a constant, or a Concat whose third part is constant. */
  private static long[] reshapeTarget(GraphEditor g, String shape) {
    Optional<Tensor> c = g.constant(shape);
    if (c.isPresent()) {
      return Constants.longs(c.get());
    }
    Optional<Node> concat = producer(g, shape, "Concat");
    if (concat.isEmpty() || concat.get().inputs().size() != 4) {
      return null;
    }
    long[] out = new long[4];
    for (int i = 2; i < 4; i++) {
      Optional<Tensor> part = g.constant(concat.get().inputs().get(i));
      if (part.isEmpty() || part.get().elementCount() != 1) {
        return null;
      }
      out[i] = Constants.longs(part.get())[0];
    }
    return out;
  }

  private static boolean perm(Node transpose, long[] expected) {
    return transpose
        .attribute("perm")
        .map(a -> a instanceof Attribute.IntsAttr i && Arrays.equals(i.values(), expected))
        .orElse(false);
  }

  private static Optional<Node> producer(GraphEditor g, String value, String opType) {
    return g.producer(value).filter(n -> n.opType().equals(opType) && n.domain().isEmpty());
  }

  /**
   * The one reader of the node's output of the given type; other readers may only be Shape nodes
   * (exporters compute the merged shape from the tensor itself).
   */
  private static Optional<Node> onlyConsumer(GraphEditor g, Node n, String opType) {
    String out = n.outputs().get(0);
    if (g.isGraphOutput(out)) {
      return Optional.empty();
    }
    List<Node> users =
        g.consumers(out).stream()
            .filter(u -> !(u.opType().equals("Shape") && u.domain().isEmpty()))
            .toList();
    if (users.size() != 1
        || !users.get(0).opType().equals(opType)
        || !users.get(0).domain().isEmpty()
        || !users.get(0).inputs().get(0).equals(out)) {
      return Optional.empty();
    }
    return Optional.of(users.get(0));
  }

  private void emit(GraphEditor g, Found f) {
    List<String> weights = packedWeights(g, f);
    List<String> inputs = new ArrayList<>(List.of(f.x(), weights.get(0), weights.get(1)));
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(Attribute.of("num_heads", (long) f.heads()));
    int size = (int) (f.q().weight().dims()[1] / f.heads());
    if (Math.abs(f.scale() - 1.0 / Math.sqrt(size)) > 1e-7 / Math.sqrt(size)) {
      attributes.add(Attribute.of("scale", (float) f.scale()));
    }
    if (f.mask() != null) {
      inputs.add(Int32Cast.of(g, f.mask()));
      attributes.add(Attribute.of("mask_filter_value", (float) f.fill()));
    }
    String out = f.root().outputs().get(0);
    g.remove(f.root());
    g.add(
        Node.of(
            g.uniqueName("Attention"),
            OnnxDefaults.MICROSOFT,
            "Attention",
            inputs,
            List.of(out),
            attributes));
  }

  /** {@code [Wq | Wk | Wv]} ({@code [in, 3·hidden]}) and {@code [bq, bk, bv]}, packed once. */
  private List<String> packedWeights(GraphEditor g, Found f) {
    List<String> key =
        List.of(
            f.q().weight().name(),
            f.k().weight().name(),
            f.v().weight().name(),
            f.q().bias().name(),
            f.k().bias().name(),
            f.v().bias().name());
    List<String> cached = packed.get(key);
    if (cached != null && cached.stream().allMatch(g.graph().initializers()::containsKey)) {
      return cached;
    }
    Tensor[] w = {f.q().weight(), f.k().weight(), f.v().weight()};
    int rows = (int) w[0].dims()[0];
    int cols = (int) w[0].dims()[1];
    float[][] data = {w[0].toFloatArray(), w[1].toFloatArray(), w[2].toFloatArray()};
    ByteBuffer packedW = ByteBuffer.allocate(rows * cols * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < rows; r++) {
      for (float[] d : data) {
        for (int c = 0; c < cols; c++) {
          packedW.putFloat(d[r * cols + c]);
        }
      }
    }
    packedW.flip();
    ByteBuffer packedB = ByteBuffer.allocate(cols * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor b : List.of(f.q().bias(), f.k().bias(), f.v().bias())) {
      packedB.put(b.bytes());
    }
    packedB.flip();
    String wName =
        g.addInitializer(
            Tensor.of(
                f.q().weight().name() + ".qkv",
                ElemType.FLOAT,
                new long[] {rows, 3L * cols},
                packedW));
    String bName =
        g.addInitializer(
            Tensor.of(
                f.q().bias().name() + ".qkv", ElemType.FLOAT, new long[] {3L * cols}, packedB));
    List<String> names = List.of(wName, bName);
    packed.put(key, names);
    return names;
  }
}
