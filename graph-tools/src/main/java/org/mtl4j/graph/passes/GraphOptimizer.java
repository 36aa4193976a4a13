package org.mtl4j.graph.passes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.passes.clean.ConstantFolding;
import org.mtl4j.graph.passes.clean.DeadCodeElimination;
import org.mtl4j.graph.passes.clean.DuplicateInitializerMerge;
import org.mtl4j.graph.passes.clean.NoOpElimination;
import org.mtl4j.graph.passes.fusion.AttentionFusion;
import org.mtl4j.graph.passes.fusion.EmbedLayerNormFusion;
import org.mtl4j.graph.passes.fusion.GeluFusion;
import org.mtl4j.graph.passes.fusion.LayerNormFusion;
import org.mtl4j.graph.passes.fusion.SkipLayerNormFusion;
import org.mtl4j.graph.passes.quant.CastFolding;
import org.mtl4j.graph.passes.quant.DynamicQuantization;
import org.mtl4j.graph.passes.quant.Float16Conversion;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Applies an {@link OptimizationLevel} to a model in place: the clean-up pipeline, then the level's
 * own pipeline, each run to a fixed point; records the level and the passes that changed something
 * in the model's {@code metadata_props}.
 */
public final class GraphOptimizer {

  private GraphOptimizer() {}

  /**
   * @param model the model, rewritten in place
   * @param level the level
   * @param keepFp32 node names, or output names ({@code <task>.logits}), or task names, whose
   *     MatMuls (int8) or nodes (fp16) stay in float32
   * @return per stage (clean, fuse, int8 or fp16), what each pass changed
   */
  public static Map<String, PassReport> optimize(
      Model model, OptimizationLevel level, Set<String> keepFp32) {
    GraphEditor g = new GraphEditor(model);
    Map<String, PassReport> reports = new LinkedHashMap<>();
    reports.put("clean", cleanPipeline().run(g));
    if (level != OptimizationLevel.CLEAN) {
      reports.put("fuse", fusionPipeline().run(g));
    }
    if (level == OptimizationLevel.INT8) {
      reports.put("int8", new PassPipeline(List.of(new DynamicQuantization(keepFp32))).run(g));
    }
    if (level == OptimizationLevel.FP16) {
      reports.put("fp16", float16Pipeline(keepFp32).run(g));
    }
    List<String> applied = new ArrayList<>();
    reports.values().forEach(r -> applied.addAll(r.appliedPasses()));
    model.metadata().put(OptimizationLevel.LEVEL_KEY, level.cliName());
    model.metadata().put(OptimizationLevel.PASSES_KEY, String.join(",", applied));
    return reports;
  }

  /**
   * @return the clean-up passes
   */
  public static PassPipeline cleanPipeline() {
    return new PassPipeline(
        List.of(
            new NoOpElimination(),
            new ConstantFolding(),
            new DuplicateInitializerMerge(),
            new DeadCodeElimination()));
  }

  /**
   * @param keepFp32 node, value or task names to leave in float32
   * @return the float16 conversion, then the folding of the casts it leaves redundant
   */
  public static PassPipeline float16Pipeline(Set<String> keepFp32) {
    return new PassPipeline(List.of(new Float16Conversion(keepFp32), new CastFolding()));
  }

  /**
   * @return the fusions, in the order they must run (plain layer norms before skip layer norms)
   */
  public static PassPipeline fusionPipeline() {
    return new PassPipeline(
        List.of(
            new LayerNormFusion(),
            new EmbedLayerNormFusion(),
            new SkipLayerNormFusion(),
            new GeluFusion(),
            new AttentionFusion(),
            new DeadCodeElimination()));
  }
}
