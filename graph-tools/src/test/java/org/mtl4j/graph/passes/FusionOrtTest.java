package org.mtl4j.graph.passes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mtl4j.graph.Ort;
import org.mtl4j.graph.build.GraphBuilder;
import org.mtl4j.graph.check.ModelChecker;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;

/**
 * Each fusion on a minimal graph written the way exporters write it: ONNX Runtime computes the
 * fused graph's output within 1e-4 (absolute plus relative) of the unfused graph's, and the fused
 * operator replaced the pattern.
 */
class FusionOrtTest {

  private static final int HIDDEN = 8;
  private static final int HEADS = 2;
  private static final float[][][] X = random(2, 5, HIDDEN, 1);
  private final Random random = new Random(7);

  @Test
  void decomposedLayerNormBecomesLayerNormalization() throws Exception {
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
    assertFused(output(b, y), Map.of("ai.onnx:LayerNormalization", 1), "ai.onnx:ReduceMean");
  }

  @Test
  void residualBeforeLayerNormBecomesSkipLayerNormalizationWithBias() throws Exception {
    GraphBuilder b = builder();
    String x = input(b);
    String projected =
        b.op("Add")
            .in(
                b.op("MatMul").in(x, matrix(b, "w", HIDDEN, HIDDEN)).out(),
                vector(b, "bias", HIDDEN))
            .out();
    String sum = b.op("Add").in(x, projected).out();
    String y = layerNorm(b, sum);
    assertFused(
        output(b, y),
        Map.of("com.microsoft:SkipLayerNormalization", 1),
        "ai.onnx:LayerNormalization");
  }

  @Test
  void erfGeluAfterBiasBecomesBiasGelu() throws Exception {
    GraphBuilder b = builder();
    String x = input(b);
    String h =
        b.op("Add")
            .in(
                b.op("MatMul").in(x, matrix(b, "w", HIDDEN, 4 * HIDDEN)).out(),
                vector(b, "bias", 4 * HIDDEN))
            .out();
    String erf =
        b.op("Erf").in(b.op("Mul").in(h, b.scalar("r", (float) (1 / Math.sqrt(2)))).out()).out();
    String y =
        b.op("Mul")
            .in(
                b.op("Mul").in(h, b.op("Add").in(erf, b.scalar("one", 1f)).out()).out(),
                b.scalar("half", 0.5f))
            .out();
    assertFused(output(b, y, 4 * HIDDEN), Map.of("com.microsoft:BiasGelu", 1), "ai.onnx:Erf");
  }

  @Test
  void erfGeluDividedByRootTwoBecomesGelu() throws Exception {
    GraphBuilder b = builder();
    String x = input(b);
    String erf =
        b.op("Erf").in(b.op("Div").in(x, b.scalar("root2", (float) Math.sqrt(2))).out()).out();
    String half = b.op("Mul").in(x, b.scalar("half", 0.5f)).out();
    String y = b.op("Mul").in(half, b.op("Add").in(b.scalar("one", 1f), erf).out()).out();
    assertFused(output(b, y), Map.of("com.microsoft:Gelu", 1), "ai.onnx:Erf");
  }

  @Test
  void tanhGeluBecomesFastGelu() throws Exception {
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
    assertFused(output(b, y), Map.of("com.microsoft:FastGelu", 1), "ai.onnx:Tanh");
  }

  private static final long[][] MASK = {{1, 1, 1, 0, 0}, {0, 0, 0, 0, 0}};

  private static final long[][] IDS = {{0, 17, 4, 29, 3}, {5, 1, 0, 0, 0}};
  private static final long[][] TYPES = {{0, 0, 1, 1, 1}, {0, 1, 0, 0, 0}};
  private static final long[][] ROBERTA_MASK = {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}};

  @Test
  void bertEmbeddingsBecomeEmbedLayerNormalization() throws Exception {
    GraphBuilder b = builder();
    String ids = b.input("input_ids", ElemType.INT64, Shape.of("batch", "sequence"));
    String types = b.input("token_type_ids", ElemType.INT64, Shape.of("batch", "sequence"));
    String sum =
        b.op("Add")
            .in(
                b.op("Add")
                    .in(lookup(b, "word", 30, ids), lookup(b, "pos", 8, range(b, ids)))
                    .out(),
                lookup(b, "type", 2, types))
            .out();
    assertFused(
        output(b, layerNorm(b, sum)),
        Map.of("com.microsoft:EmbedLayerNormalization", 1),
        "ai.onnx:Gather",
        Map.of("input_ids", IDS, "token_type_ids", TYPES));
  }

  @Test
  void embeddingsWithoutSegmentsFuseWithoutThem() throws Exception {
    GraphBuilder b = builder();
    String ids = b.input("input_ids", ElemType.INT64, Shape.of("batch", "sequence"));
    String sum =
        b.op("Add").in(lookup(b, "pos", 8, range(b, ids)), lookup(b, "word", 30, ids)).out();
    assertFused(
        output(b, layerNorm(b, sum)),
        Map.of("com.microsoft:EmbedLayerNormalization", 1),
        "ai.onnx:Gather",
        Map.of("input_ids", IDS));
  }

  @Test
  void positionsCountedFromTheMaskArePassedAsPositionIds() throws Exception {
    GraphBuilder b = builder();
    String ids = b.input("input_ids", ElemType.INT64, Shape.of("batch", "sequence"));
    String mask = b.input("attention_mask", ElemType.INT64, Shape.of("batch", "sequence"));
    String cumsum = b.op("CumSum").in(mask, b.initializer(Tensor.scalar("axis", 1L))).out();
    String positions =
        b.op("Add")
            .in(b.op("Mul").in(cumsum, mask).out(), b.initializer(Tensor.scalar("pad", 1L)))
            .out();
    String sum = b.op("Add").in(lookup(b, "word", 30, ids), lookup(b, "pos", 8, positions)).out();
    assertFused(
        output(b, layerNorm(b, sum)),
        Map.of("com.microsoft:EmbedLayerNormalization", 1),
        "ai.onnx:Gather",
        Map.of("input_ids", IDS, "attention_mask", ROBERTA_MASK));
  }

  /** Positions 0 .. sequence-1 of the ids, as the exporter writes them. */
  private static String range(GraphBuilder b, String ids) {
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

  @Test
  void selfAttentionWithPaddingMaskBecomesAttention() throws Exception {
    assertFused(
        attentionLayer(),
        Map.of("com.microsoft:Attention", 1),
        "ai.onnx:Softmax",
        Map.of("x", X, "attention_mask", MASK));
  }

  @Test
  void int8QuantizesAttentionAndMatMulsAndKeepsRowDirections() throws Exception {
    Model unfused = attentionLayer();
    Map<String, PassReport> r = optimizeCopy(unfused, OptimizationLevel.INT8);
    assertThat(r.get("int8").opsAfter())
        .containsEntry("com.microsoft:QAttention", 1)
        .containsEntry("com.microsoft:DynamicQuantizeMatMul", 1)
        .doesNotContainKey("com.microsoft:Attention");
    Map<String, Object> inputs =
        Map.of("x", X, "attention_mask", new long[][] {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}});
    float[] reference = Ort.run(OnnxWriter.toBytes(unfused), inputs, List.of("y")).get("y");
    float[] int8 = Ort.run(OnnxWriter.toBytes(lastOptimized), inputs, List.of("y")).get("y");
    for (int row = 0; row < reference.length / HIDDEN; row++) {
      double dot = 0;
      double na = 0;
      double nb = 0;
      for (int i = row * HIDDEN; i < (row + 1) * HIDDEN; i++) {
        dot += reference[i] * (double) int8[i];
        na += reference[i] * (double) reference[i];
        nb += int8[i] * (double) int8[i];
      }
      assertThat(dot / Math.sqrt(na * nb)).as("row %d", row).isGreaterThan(0.99);
    }
  }

  /** Self-attention with a padding mask, then an output projection, as the exporter writes it. */
  private Model attentionLayer() {
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
    String y =
        b.op("Add")
            .in(
                b.op("MatMul").in(merged, matrix(b, "o_w", HIDDEN, HIDDEN)).out(),
                vector(b, "o_b", HIDDEN))
            .out();
    return output(b, y);
  }

  @Test
  void cleanFoldsWeightTransposesAndMergesDuplicateConstants() throws Exception {
    GraphBuilder b = builder();
    String x = input(b);
    String w = matrix(b, "w", HIDDEN, HIDDEN);
    String wt = b.op("Transpose").in(w).attr("perm", new long[] {1, 0}).out();
    String h = b.op("Identity").in(b.op("MatMul").in(x, wt).out()).out();
    String y =
        b.op("Add").in(b.op("Add").in(h, b.scalar("one_a", 1f)).out(), b.scalar("one_b", 1f)).out();
    Model model = output(b, y);
    Map<String, PassReport> r = optimizeCopy(model, OptimizationLevel.CLEAN);
    assertThat(r.get("clean").changes("fold-constants")).isEqualTo(1);
    assertThat(r.get("clean").changes("remove-no-ops")).isEqualTo(2); // both Identities
    assertThat(r.get("clean").changes("merge-duplicate-initializers")).isEqualTo(1);
    assertThat(r.get("clean").opsAfter())
        .doesNotContainKeys("ai.onnx:Transpose", "ai.onnx:Identity");
    assertSameOutputs(model, Map.of("x", X));
  }

  private Map<String, PassReport> optimizeCopy(Model model, OptimizationLevel level)
      throws Exception {
    Model copy = OnnxReader.read(new java.io.ByteArrayInputStream(OnnxWriter.toBytes(model)));
    Map<String, PassReport> reports = GraphOptimizer.optimize(copy, level, Set.of());
    assertThat(ModelChecker.check(copy)).isEmpty();
    lastOptimized = copy;
    return reports;
  }

  private Model lastOptimized;

  private void assertFused(Model unfused, Map<String, Integer> expected, String goneOp)
      throws Exception {
    assertFused(unfused, expected, goneOp, Map.of("x", X));
  }

  private void assertFused(
      Model unfused, Map<String, Integer> expected, String goneOp, Map<String, Object> inputs)
      throws Exception {
    Map<String, PassReport> reports = optimizeCopy(unfused, OptimizationLevel.FUSED);
    Map<String, Integer> ops = reports.get("fuse").opsAfter();
    expected.forEach((op, n) -> assertThat(ops).containsEntry(op, n));
    assertThat(ops).doesNotContainKey(goneOp);
    assertSameOutputs(unfused, inputs);
  }

  private void assertSameOutputs(Model unfused, Map<String, Object> inputs) throws Exception {
    float[] reference = Ort.run(OnnxWriter.toBytes(unfused), inputs, List.of("y")).get("y");
    float[] fused = Ort.run(OnnxWriter.toBytes(lastOptimized), inputs, List.of("y")).get("y");
    assertThat(fused).hasSameSizeAs(reference);
    for (int i = 0; i < fused.length; i++) {
      assertThat((double) Math.abs(fused[i] - reference[i]))
          .as("element %d", i)
          .isLessThanOrEqualTo(1e-4 + 1e-4 * Math.abs(reference[i]));
    }
  }

  private static GraphBuilder builder() {
    return new GraphBuilder("fusion");
  }

  private static String input(GraphBuilder b) {
    return b.input("x", ElemType.FLOAT, Shape.of("batch", "sequence", HIDDEN));
  }

  private static Model output(GraphBuilder b, String y) {
    return output(b, y, HIDDEN);
  }

  private static Model output(GraphBuilder b, String y, int width) {
    String named = b.op("Identity").in(y).outs("y").get(0);
    b.output(named, ElemType.FLOAT, Shape.of("batch", "sequence", width));
    return b.build();
  }

  private String layerNorm(GraphBuilder b, String x) {
    return b.op("LayerNormalization")
        .in(x, vector(b, "ln_gamma", HIDDEN), vector(b, "ln_beta", HIDDEN))
        .attr("axis", -1L)
        .attr("epsilon", 1e-12f)
        .out();
  }

  private String heads(GraphBuilder b, String x, String name) {
    String projected =
        b.op("Add")
            .in(
                b.op("MatMul").in(x, matrix(b, name + "_w", HIDDEN, HIDDEN)).out(),
                vector(b, name + "_b", HIDDEN))
            .out();
    return b.op("Reshape").in(projected, b.longs("split", 0, 0, HEADS, HIDDEN / HEADS)).out();
  }

  private String matrix(GraphBuilder b, String name, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian() * 0.5f;
    }
    return b.initializer(Tensor.floats(name, new long[] {rows, cols}, v));
  }

  private String vector(GraphBuilder b, String name, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = 1f + (float) random.nextGaussian() * 0.1f;
    }
    return b.initializer(Tensor.floats(name, new long[] {n}, v));
  }

  private static float[][][] random(int batch, int sequence, int width, long seed) {
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
