package org.mtl4j.graph.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.graph.passes.MinimalGraphs.HIDDEN;
import static org.mtl4j.graph.passes.MinimalGraphs.IDS;
import static org.mtl4j.graph.passes.MinimalGraphs.MASK;
import static org.mtl4j.graph.passes.MinimalGraphs.POSITIONS_MASK;
import static org.mtl4j.graph.passes.MinimalGraphs.TYPES;
import static org.mtl4j.graph.passes.MinimalGraphs.X;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mtl4j.graph.Ort;
import org.mtl4j.graph.check.ModelChecker;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.Model;

/**
 * Each fusion on a minimal graph written the way exporters write it: ONNX Runtime computes the
 * fused graph's output within 1e-4 (absolute plus relative) of the unfused graph's, and the fused
 * operator replaced the pattern.
 */
class FusionOrtTest {

  private final MinimalGraphs graphs = new MinimalGraphs();

  @Test
  void decomposedLayerNormBecomesLayerNormalization() throws Exception {
    assertFused(
        graphs.decomposedLayerNorm(),
        Map.of("ai.onnx:LayerNormalization", 1),
        "ai.onnx:ReduceMean");
  }

  @Test
  void residualBeforeLayerNormBecomesSkipLayerNormalizationWithBias() throws Exception {
    assertFused(
        graphs.residualLayerNorm(),
        Map.of("com.microsoft:SkipLayerNormalization", 1),
        "ai.onnx:LayerNormalization");
  }

  @Test
  void erfGeluAfterBiasBecomesBiasGelu() throws Exception {
    assertFused(graphs.erfGeluAfterBias(), Map.of("com.microsoft:BiasGelu", 1), "ai.onnx:Erf");
  }

  @Test
  void erfGeluDividedByRootTwoBecomesGelu() throws Exception {
    assertFused(graphs.erfGeluDividedByRootTwo(), Map.of("com.microsoft:Gelu", 1), "ai.onnx:Erf");
  }

  @Test
  void tanhGeluBecomesFastGelu() throws Exception {
    assertFused(graphs.tanhGelu(), Map.of("com.microsoft:FastGelu", 1), "ai.onnx:Tanh");
  }

  @Test
  void bertEmbeddingsBecomeEmbedLayerNormalization() throws Exception {
    assertFused(
        graphs.bertEmbeddings(),
        Map.of("com.microsoft:EmbedLayerNormalization", 1),
        "ai.onnx:Gather",
        Map.of("input_ids", IDS, "token_type_ids", TYPES));
  }

  @Test
  void embeddingsWithoutSegmentsFuseWithoutThem() throws Exception {
    assertFused(
        graphs.embeddingsWithoutSegments(),
        Map.of("com.microsoft:EmbedLayerNormalization", 1),
        "ai.onnx:Gather",
        Map.of("input_ids", IDS));
  }

  @Test
  void positionsCountedFromTheMaskArePassedAsPositionIds() throws Exception {
    assertFused(
        graphs.maskCountedPositionEmbeddings(),
        Map.of("com.microsoft:EmbedLayerNormalization", 1),
        "ai.onnx:Gather",
        Map.of("input_ids", IDS, "attention_mask", POSITIONS_MASK));
  }

  @Test
  void selfAttentionWithPaddingMaskBecomesAttention() throws Exception {
    assertFused(
        graphs.attentionLayer(),
        Map.of("com.microsoft:Attention", 1),
        "ai.onnx:Softmax",
        Map.of("x", X, "attention_mask", MASK));
  }

  @Test
  void int8QuantizesAttentionAndMatMulsAndKeepsRowDirections() throws Exception {
    Model unfused = graphs.attentionLayer();
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

  @Test
  void cleanFoldsWeightTransposesAndMergesDuplicateConstants() throws Exception {
    Model model = graphs.foldableConstants();
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
}
