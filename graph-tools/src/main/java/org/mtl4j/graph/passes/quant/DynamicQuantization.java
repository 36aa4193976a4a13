package org.mtl4j.graph.passes.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Dynamic int8 quantization of every MatMul by a constant {@code [in, out]} float weight: the
 * weight is stored as int8 per output column ({@link WeightQuantizer}) and the node becomes {@code
 * com.microsoft:DynamicQuantizeMatMul}, which quantizes its activation to uint8 at run time; a
 * following bias Add is folded into it. A fused {@code com.microsoft:Attention} becomes {@code
 * QAttention} over its input quantized by {@code DynamicQuantizeLinear}, so the Q/K/V projection
 * runs in int8 too. Nodes named in the keep list (by node name, by the value they or their bias Add
 * produce, or by task: {@code <task>.logits}) stay in float32.
 */
public final class DynamicQuantization implements GraphPass {

  private final Set<String> keepFp32;

  /**
   * @param keepFp32 node names, value names or task names to leave in float32
   */
  public DynamicQuantization(Set<String> keepFp32) {
    this.keepFp32 = Set.copyOf(keepFp32);
  }

  @Override
  public String name() {
    return "quantize-matmul-int8";
  }

  @Override
  public int apply(GraphEditor g) {
    int quantized = 0;
    for (Node mm : g.nodes()) {
      if (isFloatAttention(g, mm) && !kept(mm, mm.outputs().get(0))) {
        quantizeAttention(g, mm);
        quantized++;
        continue;
      }
      if (!mm.opType().equals("MatMul") || !mm.domain().isEmpty()) {
        continue;
      }
      Optional<Tensor> weight =
          g.constant(mm.inputs().get(1))
              .filter(w -> w.rank() == 2 && w.elemType() == ElemType.FLOAT);
      if (weight.isEmpty() || g.constant(mm.inputs().get(0)).isPresent()) {
        continue;
      }
      Optional<Node> biasAdd = biasAdd(g, mm, weight.get().dims()[1]);
      String out = biasAdd.map(a -> a.outputs().get(0)).orElse(mm.outputs().get(0));
      if (kept(mm, out)) {
        continue;
      }
      WeightQuantizer q = WeightQuantizer.perColumn(weight.get(), weight.get().name());
      List<String> inputs =
          new ArrayList<>(
              List.of(
                  mm.inputs().get(0),
                  g.addInitializer(q.values()),
                  g.addInitializer(q.scales()),
                  g.addInitializer(q.zeroPoints())));
      if (biasAdd.isPresent()) {
        Node add = biasAdd.get();
        inputs.add(add.inputs().get(add.inputs().get(0).equals(mm.outputs().get(0)) ? 1 : 0));
        g.remove(add);
      }
      g.remove(mm);
      g.add(
          Node.of(
              g.uniqueName("DynamicQuantizeMatMul"),
              OnnxDefaults.MICROSOFT,
              "DynamicQuantizeMatMul",
              inputs,
              List.of(out),
              List.of()));
      quantized++;
    }
    return quantized;
  }

  private static boolean isFloatAttention(GraphEditor g, Node n) {
    return n.opType().equals("Attention")
        && n.domain().equals(OnnxDefaults.MICROSOFT)
        && n.inputs().size() >= 3
        && n.inputs().size() <= 4
        && g.constant(n.inputs().get(1))
            .map(w -> w.rank() == 2 && w.elemType() == ElemType.FLOAT)
            .orElse(false)
        && g.constant(n.inputs().get(2)).isPresent();
  }

  /**
   * {@code Attention(x, W, b, mask)} becomes {@code QAttention(quantize(x), W int8, b, x scale, W
   * scales, mask, x zero point, W zero points)}, the activation quantized by {@code
   * DynamicQuantizeLinear}.
   */
  private static void quantizeAttention(GraphEditor g, Node attention) {
    Tensor weight = g.constant(attention.inputs().get(1)).orElseThrow();
    WeightQuantizer q = WeightQuantizer.perColumn(weight, weight.name());
    String x = attention.inputs().get(0);
    List<String> quantizedX =
        List.of(
            g.uniqueName(x + "_quantized"),
            g.uniqueName(x + "_scale"),
            g.uniqueName(x + "_zero_point"));
    g.add(
        Node.of(
            g.uniqueName("DynamicQuantizeLinear"),
            "",
            "DynamicQuantizeLinear",
            List.of(x),
            quantizedX,
            List.of()));
    String mask = attention.inputs().size() > 3 ? attention.inputs().get(3) : "";
    List<String> inputs =
        List.of(
            quantizedX.get(0),
            g.addInitializer(q.values()),
            attention.inputs().get(2),
            quantizedX.get(1),
            g.addInitializer(q.scales()),
            mask,
            quantizedX.get(2),
            g.addInitializer(q.zeroPoints()));
    g.remove(attention);
    g.add(
        Node.of(
            g.uniqueName("QAttention"),
            OnnxDefaults.MICROSOFT,
            "QAttention",
            inputs,
            attention.outputs(),
            attention.attributes()));
  }

  private boolean kept(Node mm, String out) {
    if (keepFp32.contains(mm.name())
        || keepFp32.contains(out)
        || keepFp32.contains(mm.outputs().get(0))) {
      return true;
    }
    return keepFp32.stream().anyMatch(k -> out.equals(k + ".logits"));
  }

  /** The MatMul's only reader when it adds a constant {@code [out]} vector. */
  private static Optional<Node> biasAdd(GraphEditor g, Node mm, long columns) {
    String product = mm.outputs().get(0);
    List<Node> users = g.consumers(product);
    if (users.size() != 1 || g.isGraphOutput(product)) {
      return Optional.empty();
    }
    Node add = users.get(0);
    if (!add.opType().equals("Add") || !add.domain().isEmpty()) {
      return Optional.empty();
    }
    String other = add.inputs().get(add.inputs().get(0).equals(product) ? 1 : 0);
    boolean vector =
        g.constant(other)
            .map(t -> t.rank() == 1 && t.dims()[0] == columns && t.elemType() == ElemType.FLOAT)
            .orElse(false);
    return vector ? Optional.of(add) : Optional.empty();
  }
}
