package org.mtl4j.graph.passes;

import java.util.Random;
import org.mtl4j.graph.build.GraphBuilder;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;

/**
 * The smallest graphs holding each pattern the passes rewrite, written the way exporters write
 * them: float input {@code x} ({@code [batch, sequence, }{@value #HIDDEN}{@code ]}), float output
 * {@code y}, seeded random weights.
 */
final class MinimalGraphs {

  static final int HIDDEN = 8;
  static final int HEADS = 2;

  /** A batch for {@code x}: two rows of five tokens. */
  static final float[][][] X = random(2, 5, HIDDEN, 1);

  /** A padding mask for the attention graphs: a padded row and an all-padding row. */
  static final long[][] MASK = {{1, 1, 1, 0, 0}, {0, 0, 0, 0, 0}};

  /** Token ids for the embedding graphs (vocabulary 30). */
  static final long[][] IDS = {{0, 17, 4, 29, 3}, {5, 1, 0, 0, 0}};

  /** Segment ids for the embedding graphs (2 segments). */
  static final long[][] TYPES = {{0, 0, 1, 1, 1}, {0, 1, 0, 0, 0}};

  /** An attention mask for RoBERTa-style positions: a full row and a padded one. */
  static final long[][] POSITIONS_MASK = {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}};

  private final Random random = new Random(7);

  /** {@code (x - mean) / sqrt(var + eps) * gamma + beta}, spelled out. */
  Model decomposedLayerNorm() {
    GraphBuilder b = builder();
    String x = input(b);
    String mean = b.op("ReduceMean").in(x).attr("axes", new long[] {-1}).out();
    String centred = b.op("Sub").in(x, mean).out();
    String var =
        b.op("ReduceMean")
            .in(b.op("Pow").in(centred, b.scalar("two", 2f)).out())
            .attr("axes", new long[] {-1})
            .out();
    String std = b.op("Sqrt").in(b.op("Add").in(var, b.scalar("eps", 1e-12f)).out()).out();
    String normed = b.op("Div").in(centred, std).out();
    String y =
        b.op("Add")
            .in(b.op("Mul").in(normed, vector(b, "gamma", HIDDEN)).out(), vector(b, "beta", HIDDEN))
            .out();
    return output(b, y);
  }

  /** A dense layer with bias added to its input, then LayerNormalization. */
  Model residualLayerNorm() {
    GraphBuilder b = builder();
    String x = input(b);
    String sum = b.op("Add").in(x, dense(b, x, "w", HIDDEN)).out();
    return output(b, layerNorm(b, sum));
  }

  /** A dense layer, then the erf GELU. */
  Model erfGeluAfterBias() {
    GraphBuilder b = builder();
    String h = dense(b, input(b), "w", 4 * HIDDEN);
    String erf =
        b.op("Erf").in(b.op("Mul").in(h, b.scalar("r", (float) (1 / Math.sqrt(2)))).out()).out();
    String y =
        b.op("Mul")
            .in(
                b.op("Mul").in(h, b.op("Add").in(erf, b.scalar("one", 1f)).out()).out(),
                b.scalar("half", 0.5f))
            .out();
    return output(b, y, 4 * HIDDEN);
  }

  /** The erf GELU written with a division by the square root of two. */
  Model erfGeluDividedByRootTwo() {
    GraphBuilder b = builder();
    String x = input(b);
    String erf =
        b.op("Erf").in(b.op("Div").in(x, b.scalar("root2", (float) Math.sqrt(2))).out()).out();
    String half = b.op("Mul").in(x, b.scalar("half", 0.5f)).out();
    String y = b.op("Mul").in(half, b.op("Add").in(b.scalar("one", 1f), erf).out()).out();
    return output(b, y);
  }

  /** The tanh approximation of GELU. */
  Model tanhGelu() {
    GraphBuilder b = builder();
    String x = input(b);
    String cube = b.op("Pow").in(x, b.scalar("three", 3f)).out();
    String inner =
        b.op("Mul")
            .in(
                b.op("Add").in(x, b.op("Mul").in(cube, b.scalar("c", 0.044715f)).out()).out(),
                b.scalar("k", (float) Math.sqrt(2 / Math.PI)))
            .out();
    String t = b.op("Add").in(b.op("Tanh").in(inner).out(), b.scalar("one", 1f)).out();
    String y = b.op("Mul").in(b.op("Mul").in(x, t).out(), b.scalar("half", 0.5f)).out();
    return output(b, y);
  }

  /**
   * Self-attention with a padding mask (filled with the float32 minimum), then an output
   * projection; inputs {@code x} and {@code attention_mask} (int64).
   */
  Model attentionLayer() {
    GraphBuilder b = builder();
    String x = input(b);
    String mask = b.input("attention_mask", ElemType.INT64, Shape.of("batch", "sequence"));
    String padding =
        b.op("Sub")
            .in(b.scalar("one", 1f), b.op("Cast").in(mask).attr("to", ElemType.FLOAT).out())
            .out();
    String bias =
        b.op("Unsqueeze")
            .in(
                b.op("Mul").in(padding, b.scalar("fill", -Float.MAX_VALUE)).out(),
                b.longs("axes", 1, 2))
            .out();
    int size = HIDDEN / HEADS;
    String q = b.op("Transpose").in(heads(b, x, "q")).attr("perm", new long[] {0, 2, 1, 3}).out();
    String kT = b.op("Transpose").in(heads(b, x, "k")).attr("perm", new long[] {0, 2, 3, 1}).out();
    String v = b.op("Transpose").in(heads(b, x, "v")).attr("perm", new long[] {0, 2, 1, 3}).out();
    String scores =
        b.op("Add")
            .in(
                b.op("Mul")
                    .in(
                        b.op("MatMul").in(q, kT).out(),
                        b.scalar("scale", (float) (1 / Math.sqrt(size))))
                    .out(),
                bias)
            .out();
    String p = b.op("Softmax").in(scores).attr("axis", -1L).out();
    String context =
        b.op("Transpose")
            .in(b.op("MatMul").in(p, v).out())
            .attr("perm", new long[] {0, 2, 1, 3})
            .out();
    String merged = b.op("Reshape").in(context, b.longs("merged", 0, 0, HIDDEN)).out();
    return output(b, dense(b, merged, "o_w", HIDDEN));
  }

  /** BERT's embeddings: word, position 0 .. sequence-1 and segment lookups, summed, normalised. */
  Model bertEmbeddings() {
    GraphBuilder b = builder();
    String ids = b.input("input_ids", ElemType.INT64, Shape.of("batch", "sequence"));
    String types = b.input("token_type_ids", ElemType.INT64, Shape.of("batch", "sequence"));
    String sum =
        b.op("Add")
            .in(
                b.op("Add")
                    .in(lookup(b, "word", 30, ids), lookup(b, "pos", 8, positions(b, ids)))
                    .out(),
                lookup(b, "type", 2, types))
            .out();
    return output(b, layerNorm(b, sum));
  }

  /** DistilBERT's embeddings: word and position lookups only. */
  Model embeddingsWithoutSegments() {
    GraphBuilder b = builder();
    String ids = b.input("input_ids", ElemType.INT64, Shape.of("batch", "sequence"));
    String sum =
        b.op("Add").in(lookup(b, "pos", 8, positions(b, ids)), lookup(b, "word", 30, ids)).out();
    return output(b, layerNorm(b, sum));
  }

  /** RoBERTa's embeddings: positions counted from the mask, {@code cumsum(mask)·mask + pad}. */
  Model maskCountedPositionEmbeddings() {
    GraphBuilder b = builder();
    String ids = b.input("input_ids", ElemType.INT64, Shape.of("batch", "sequence"));
    String mask = b.input("attention_mask", ElemType.INT64, Shape.of("batch", "sequence"));
    String cumsum = b.op("CumSum").in(mask, b.initializer(Tensor.scalar("axis", 1L))).out();
    String positions =
        b.op("Add")
            .in(b.op("Mul").in(cumsum, mask).out(), b.initializer(Tensor.scalar("pad", 1L)))
            .out();
    String sum = b.op("Add").in(lookup(b, "word", 30, ids), lookup(b, "pos", 8, positions)).out();
    return output(b, layerNorm(b, sum));
  }

  /** Positions 0 .. sequence-1 of the ids, as the exporter writes them. */
  private static String positions(GraphBuilder b, String ids) {
    String length =
        b.op("Gather")
            .in(b.op("Shape").in(ids).out(), b.initializer(Tensor.scalar("axis1", 1L)))
            .attr("axis", 0L)
            .out();
    return b.op("Range")
        .in(
            b.initializer(Tensor.scalar("zero", 0L)),
            length,
            b.initializer(Tensor.scalar("step", 1L)))
        .out();
  }

  private String lookup(GraphBuilder b, String name, int rows, String indices) {
    return b.op("Gather").in(matrix(b, name, rows, HIDDEN), indices).out();
  }

  /** A weight MatMul whose transposed weight and duplicate constants the clean-up folds. */
  Model foldableConstants() {
    GraphBuilder b = builder();
    String x = input(b);
    String w = matrix(b, "w", HIDDEN, HIDDEN);
    String wt = b.op("Transpose").in(w).attr("perm", new long[] {1, 0}).out();
    String h = b.op("Identity").in(b.op("MatMul").in(x, wt).out()).out();
    String y =
        b.op("Add").in(b.op("Add").in(h, b.scalar("one_a", 1f)).out(), b.scalar("one_b", 1f)).out();
    return output(b, y);
  }

  static GraphBuilder builder() {
    return new GraphBuilder("minimal");
  }

  static String input(GraphBuilder b) {
    return b.input("x", ElemType.FLOAT, Shape.of("batch", "sequence", HIDDEN));
  }

  static Model output(GraphBuilder b, String y) {
    return output(b, y, HIDDEN);
  }

  static Model output(GraphBuilder b, String y, int width) {
    String named = b.op("Identity").in(y).outs("y").get(0);
    b.output(named, ElemType.FLOAT, Shape.of("batch", "sequence", width));
    return b.build();
  }

  /** {@code x · W + b} with a {@code [HIDDEN, width]} weight. */
  String dense(GraphBuilder b, String x, String name, int width) {
    return b.op("Add")
        .in(
            b.op("MatMul").in(x, matrix(b, name, HIDDEN, width)).out(),
            vector(b, name + "_b", width))
        .out();
  }

  String layerNorm(GraphBuilder b, String x) {
    return b.op("LayerNormalization")
        .in(x, vector(b, "ln_gamma", HIDDEN), vector(b, "ln_beta", HIDDEN))
        .attr("axis", -1L)
        .attr("epsilon", 1e-12f)
        .out();
  }

  private String heads(GraphBuilder b, String x, String name) {
    return b.op("Reshape")
        .in(dense(b, x, name + "_w", HIDDEN), b.longs("split", 0, 0, HEADS, HIDDEN / HEADS))
        .out();
  }

  String matrix(GraphBuilder b, String name, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian() * 0.5f;
    }
    return b.initializer(Tensor.floats(name, new long[] {rows, cols}, v));
  }

  String vector(GraphBuilder b, String name, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = 1f + (float) random.nextGaussian() * 0.1f;
    }
    return b.initializer(Tensor.floats(name, new long[] {n}, v));
  }

  static float[][][] random(int batch, int sequence, int width, long seed) {
    Random r = new Random(seed);
    float[][][] x = new float[batch][sequence][width];
    for (float[][] row : x) {
      for (float[] token : row) {
        for (int i = 0; i < width; i++) {
          token[i] = (float) r.nextGaussian();
        }
      }
    }
    return x;
  }
}
