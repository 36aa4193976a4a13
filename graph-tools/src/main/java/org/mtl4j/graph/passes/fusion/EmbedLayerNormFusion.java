package org.mtl4j.graph.passes.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.Constants;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Fuses the embeddings of BERT-style encoders, {@code LayerNormalization(word[input_ids] +
 * position[positions] (+ segment[token_type_ids]))}, into {@code
 * com.microsoft:EmbedLayerNormalization}. The operator takes int32 ids, so the int64 graph inputs
 * reach it through a Cast. Positions {@code Range(0, sequence, 1)} are the operator's default; any
 * other rank-2 position ids (RoBERTa's, counted from the attention mask, or a slice of a stored
 * position table) are passed as its {@code position_ids}. Word and segment ids must be graph inputs
 * (the word table is the larger one); a family without segments (DistilBERT) fuses without them.
 * XLNet, whose embeddings are the word table alone, does not match.
 */
public final class EmbedLayerNormFusion implements GraphPass {

  /** Index of the optional {@code position_ids} input of the contrib operator. */
  private static final int POSITION_IDS = 8;

  @Override
  public String name() {
    return "fuse-embed-layer-norm";
  }

  @Override
  public int apply(GraphEditor g) {
    int fused = 0;
    for (Node ln : g.nodes()) {
      if (!SkipLayerNormFusion.isLastAxisLayerNorm(g, ln)) {
        continue;
      }
      Optional<Lookups> lookups = Lookups.of(g, ln.inputs().get(0));
      if (lookups.isEmpty()) {
        continue;
      }
      Lookups l = lookups.get();
      List<String> inputs = new ArrayList<>(POSITION_IDS + 1);
      inputs.add(Int32Cast.of(g, l.word().inputs().get(1)));
      inputs.add(l.segment() == null ? "" : Int32Cast.of(g, l.segment().inputs().get(1)));
      inputs.add(l.word().inputs().get(0));
      inputs.add(l.position().inputs().get(0));
      inputs.add(l.segment() == null ? "" : l.segment().inputs().get(0));
      inputs.add(ln.inputs().get(1));
      inputs.add(ln.inputs().get(2));
      if (!l.defaultPositions()) {
        inputs.add("");
        inputs.add(Int32Cast.of(g, l.position().inputs().get(1)));
      }
      float epsilon =
          ln.attribute("epsilon").map(a -> ((Attribute.FloatAttr) a).value()).orElse(1e-5f);
      g.remove(ln);
      g.add(
          Node.of(
              g.uniqueName("EmbedLayerNorm"),
              OnnxDefaults.MICROSOFT,
              "EmbedLayerNormalization",
              inputs,
              List.of(ln.outputs().get(0), g.uniqueName("embed_mask_index")),
              List.of(Attribute.of("epsilon", epsilon))));
      fused++;
    }
    return fused;
  }

  /** The embedding lookups summed before the layer norm. */
  private record Lookups(Node word, Node position, Node segment, boolean defaultPositions) {

    static Optional<Lookups> of(GraphEditor g, String sum) {
      List<Node> gathers = new ArrayList<>();
      if (!collectLeaves(g, sum, gathers, true) || gathers.size() < 2 || gathers.size() > 3) {
        return Optional.empty();
      }
      List<Node> byInput = new ArrayList<>();
      Node position = null;
      for (Node gather : gathers) {
        if (g.isGraphInput(gather.inputs().get(1)) && rank(g, gather.inputs().get(1)) == 2) {
          byInput.add(gather);
        } else if (position == null) {
          position = gather;
        } else {
          return Optional.empty();
        }
      }
      if (position == null || byInput.isEmpty() || !sameWidth(g, gathers)) {
        return Optional.empty();
      }
      byInput.sort(Comparator.comparingLong((Node n) -> rows(g, n)).reversed());
      Node word = byInput.get(0);
      Node segment = byInput.size() > 1 ? byInput.get(1) : null;
      String positions = position.inputs().get(1);
      boolean byDefault = isDefaultRange(g, positions, word.inputs().get(1));
      if (!byDefault && rank(g, positions) != 2) {
        return Optional.empty();
      }
      return Optional.of(new Lookups(word, position, segment, byDefault));
    }

    /**
     * Walks an Add tree down to its leaves, which must be row lookups ({@code Gather} on axis 0 of
     * a constant rank-2 float table). Inner sums must feed only the tree.
     */
    private static boolean collectLeaves(
        GraphEditor g, String value, List<Node> leaves, boolean root) {
      Optional<Node> p = g.producer(value);
      if (p.isEmpty() || !p.get().domain().isEmpty()) {
        return false;
      }
      Node n = p.get();
      if (n.opType().equals("Add")) {
        if (!root && (g.consumers(value).size() != 1 || g.isGraphOutput(value))) {
          return false;
        }
        return collectLeaves(g, n.inputs().get(0), leaves, false)
            && collectLeaves(g, n.inputs().get(1), leaves, false);
      }
      if (!n.opType().equals("Gather")
          || n.attribute("axis").map(a -> ((Attribute.IntAttr) a).value()).orElse(0L) != 0) {
        return false;
      }
      Optional<Tensor> table = g.constant(n.inputs().get(0));
      if (table.isEmpty() || table.get().rank() != 2 || !Constants.isNumeric(table.get())) {
        return false;
      }
      leaves.add(n);
      return true;
    }

    private static long rows(GraphEditor g, Node gather) {
      return g.constant(gather.inputs().get(0)).orElseThrow().dims()[0];
    }

    private static boolean sameWidth(GraphEditor g, List<Node> gathers) {
      long width = g.constant(gathers.get(0).inputs().get(0)).orElseThrow().dims()[1];
      return gathers.stream()
          .allMatch(n -> g.constant(n.inputs().get(0)).orElseThrow().dims()[1] == width);
    }

    /** {@code Range(0, Gather(Shape(ids), 1), 1)}: positions 0 .. sequence-1 of the ids. */
    private static boolean isDefaultRange(GraphEditor g, String positions, String ids) {
      Optional<Node> range = g.producer(positions).filter(n -> n.opType().equals("Range"));
      if (range.isEmpty()
          || !isScalar(g, range.get().inputs().get(0), 0)
          || !isScalar(g, range.get().inputs().get(2), 1)) {
        return false;
      }
      Optional<Node> length =
          g.producer(range.get().inputs().get(1)).filter(n -> n.opType().equals("Gather"));
      if (length.isEmpty() || !isScalar(g, length.get().inputs().get(1), 1)) {
        return false;
      }
      return g.producer(length.get().inputs().get(0))
          .filter(n -> n.opType().equals("Shape") && n.inputs().get(0).equals(ids))
          .filter(n -> n.attribute("start").isEmpty() && n.attribute("end").isEmpty())
          .isPresent();
    }

    private static boolean isScalar(GraphEditor g, String value, double expected) {
      return g.constant(value)
          .filter(t -> t.elementCount() == 1 && Constants.scalar(t) == expected)
          .isPresent();
    }

    /**
     * The rank of a value where it follows from graph inputs, constants and shape-preserving or
     * broadcasting integer ops; -1 when unknown.
     */
    private static int rank(GraphEditor g, String value) {
      Optional<Value> input = g.graphInput(value);
      if (input.isPresent()) {
        return input.get().isTyped() ? input.get().shape().rank() : -1;
      }
      Optional<Tensor> constant = g.constant(value);
      if (constant.isPresent()) {
        return constant.get().rank();
      }
      Optional<Node> p = g.producer(value);
      if (p.isEmpty() || !p.get().domain().isEmpty()) {
        return -1;
      }
      return switch (p.get().opType()) {
        case "Cast", "CumSum", "Slice" -> rank(g, p.get().inputs().get(0));
        case "Add", "Mul", "Sub" -> {
          int a = rank(g, p.get().inputs().get(0));
          int b = rank(g, p.get().inputs().get(1));
          yield a < 0 || b < 0 ? -1 : Math.max(a, b);
        }
        default -> -1;
      };
    }
  }
}
