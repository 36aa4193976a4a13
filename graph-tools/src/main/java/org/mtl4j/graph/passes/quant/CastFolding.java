package org.mtl4j.graph.passes.quant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Removes casts that change nothing: a {@code Cast} to the type its input already has is bypassed,
 * and {@code Cast(Cast(x, A), B)} becomes {@code Cast(x, B)} when {@code A} holds every value of
 * {@code x}'s type exactly (float16 through float32, say), so the pair computes the same numbers as
 * the single cast. A cast writing a graph output is kept (the output keeps its producer).
 */
public final class CastFolding implements GraphPass {

  /** For each type, the wider types that represent every one of its values exactly. */
  private static final Map<ElemType, Set<ElemType>> EXACT_IN =
      Map.of(
          ElemType.FLOAT16, Set.of(ElemType.FLOAT, ElemType.DOUBLE),
          ElemType.BFLOAT16, Set.of(ElemType.FLOAT, ElemType.DOUBLE),
          ElemType.FLOAT, Set.of(ElemType.DOUBLE),
          ElemType.BOOL,
              Set.of(
                  ElemType.FLOAT16,
                  ElemType.FLOAT,
                  ElemType.DOUBLE,
                  ElemType.INT8,
                  ElemType.UINT8,
                  ElemType.INT32,
                  ElemType.INT64),
          ElemType.INT8,
              Set.of(
                  ElemType.FLOAT16,
                  ElemType.FLOAT,
                  ElemType.DOUBLE,
                  ElemType.INT32,
                  ElemType.INT64),
          ElemType.UINT8,
              Set.of(
                  ElemType.FLOAT16,
                  ElemType.FLOAT,
                  ElemType.DOUBLE,
                  ElemType.INT32,
                  ElemType.INT64),
          ElemType.INT32, Set.of(ElemType.DOUBLE, ElemType.INT64));

  @Override
  public String name() {
    return "fold-casts";
  }

  @Override
  public int apply(GraphEditor g) {
    ElemTypes types = ElemTypes.infer(g);
    int folded = 0;
    for (Node cast : g.nodes()) {
      Optional<ElemType> to = castTarget(cast);
      if (to.isEmpty()
          || g.producer(cast.outputs().get(0)).orElse(null) != cast
          || g.isGraphOutput(cast.outputs().get(0))) {
        continue;
      }
      String in = cast.inputs().get(0);
      if (types.of(in) == to.get()) {
        g.replaceUses(cast.outputs().get(0), in);
        g.remove(cast);
        folded++;
        continue;
      }
      Optional<Node> inner = g.producer(in).filter(p -> castTarget(p).isPresent());
      if (inner.isPresent()) {
        String source = inner.get().inputs().get(0);
        ElemType sourceType = types.of(source);
        if (EXACT_IN.getOrDefault(sourceType, Set.of()).contains(types.of(in))) {
          g.replace(cast, cast.withInputs(List.of(source)));
          folded++;
        }
      }
    }
    return folded;
  }

  private static Optional<ElemType> castTarget(Node n) {
    if (!n.domain().isEmpty() || !n.opType().equals("Cast") || n.inputs().isEmpty()) {
      return Optional.empty();
    }
    return n.attribute("to")
        .filter(a -> a instanceof Attribute.IntAttr)
        .map(a -> ElemType.fromCode((int) ((Attribute.IntAttr) a).value()));
  }
}
