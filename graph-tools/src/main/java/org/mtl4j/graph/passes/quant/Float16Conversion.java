package org.mtl4j.graph.passes.quant;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.Constants;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Converts a float32 graph to float16 compute: the nodes {@link Float16Policy} selects read and
 * write float16, their float constants become float16 initializers (finite values clamped to
 * float16's range, ±65504), and a {@code Cast} is inserted wherever a float16 value meets a node
 * that stays float32 or a float32 value meets a float16 node (one per value and direction). Graph
 * inputs and outputs keep their float32 type: inputs are cast on entry, outputs written by float16
 * nodes are cast back under their own name. Integer values are never touched.
 */
public final class Float16Conversion implements GraphPass {

  /** Float16's largest finite magnitude. */
  private static final float FLOAT16_MAX = 65504f;

  private final Float16Policy policy;

  /**
   * @param keepFp32 node names, value names or task names to leave in float32
   */
  public Float16Conversion(Set<String> keepFp32) {
    this.policy = new Float16Policy(keepFp32);
  }

  @Override
  public String name() {
    return "convert-float16";
  }

  @Override
  public int apply(GraphEditor g) {
    ElemTypes types = ElemTypes.infer(g);
    Set<Node> converted = policy.select(g, types);
    if (converted.isEmpty()) {
      return 0;
    }
    new Rewrite(g, types).run(converted);
    return converted.size();
  }

  /** One conversion: the value renames and casts it made, so each is made once. */
  private static final class Rewrite {
    private final GraphEditor g;
    private final ElemTypes types;

    /** Float32 values of the graph that float16 nodes now write (under their name or a new one). */
    private final Set<String> converted = new HashSet<>();

    private final Map<String, String> float16Of = new HashMap<>();
    private final Map<String, String> float32Of = new HashMap<>();

    Rewrite(GraphEditor g, ElemTypes types) {
      this.g = g;
      this.types = types;
    }

    void run(Set<Node> float16Nodes) {
      List<Node> outputCasts = new ArrayList<>();
      for (Node n : float16Nodes) {
        for (String out : n.outputs()) {
          if (types.of(out) != ElemType.FLOAT) {
            continue;
          }
          converted.add(out);
          if (g.isGraphOutput(out)) {
            String renamed = g.uniqueName(out + "_fp16");
            float16Of.put(out, renamed);
            float32Of.put(out, out);
            outputCasts.add(cast(renamed, out, ElemType.FLOAT));
          } else {
            float16Of.put(out, out);
          }
        }
      }
      for (Node n : g.nodes()) {
        boolean half = float16Nodes.contains(n);
        List<String> ins = new ArrayList<>(n.inputs());
        ins.replaceAll(v -> types.of(v) == ElemType.FLOAT ? (half ? float16(v) : float32(v)) : v);
        List<String> outs = new ArrayList<>(n.outputs());
        if (half) {
          outs.replaceAll(v -> types.of(v) == ElemType.FLOAT ? float16Of.get(v) : v);
        }
        if (!ins.equals(n.inputs()) || !outs.equals(n.outputs())) {
          g.replace(n, n.withInputs(ins).withOutputs(outs));
        }
      }
      outputCasts.forEach(g::add);
      g.graph()
          .valueInfo()
          .replaceAll(
              v ->
                  converted.contains(v.name()) && !g.isGraphOutput(v.name())
                      ? new Value(v.name(), ElemType.FLOAT16, v.shape())
                      : v);
    }

    /** The float16 form of a float32 value: itself once converted, a constant, or a cast. */
    private String float16(String value) {
      return float16Of.computeIfAbsent(
          value,
          v ->
              g.constant(v)
                  .map(t -> g.addInitializer(toFloat16(t, v + "_fp16")))
                  .orElseGet(() -> addCast(v, ElemType.FLOAT16)));
    }

    /** The float32 form of a value: itself unless a float16 node now writes it. */
    private String float32(String value) {
      if (!converted.contains(value)) {
        return value;
      }
      return float32Of.computeIfAbsent(value, v -> addCast(float16Of.get(v), ElemType.FLOAT));
    }

    private String addCast(String value, ElemType to) {
      String out = g.uniqueName(value + (to == ElemType.FLOAT16 ? "_fp16" : "_fp32"));
      g.add(cast(value, out, to));
      return out;
    }

    private Node cast(String in, String out, ElemType to) {
      return Node.of(
          g.uniqueName("Cast_" + to.displayName()),
          "",
          "Cast",
          List.of(in),
          List.of(out),
          List.of(Attribute.of("to", to.code())));
    }
  }

  /**
   * @param t a float tensor
   * @param name the new tensor's name
   * @return its values rounded to float16, finite values clamped to ±65504
   */
  static Tensor toFloat16(Tensor t, String name) {
    FloatBuffer values = t.bytes().asFloatBuffer();
    ByteBuffer half = ByteBuffer.allocate(values.remaining() * 2).order(ByteOrder.LITTLE_ENDIAN);
    ShortBuffer out = half.asShortBuffer();
    while (values.hasRemaining()) {
      float v = values.get();
      float clamped = Float.isFinite(v) ? Math.max(-FLOAT16_MAX, Math.min(FLOAT16_MAX, v)) : v;
      out.put(Constants.floatToHalf(clamped));
    }
    return Tensor.of(name, ElemType.FLOAT16, t.dims(), half);
  }
}
