package org.mtl4j.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mtl4j.metrics.parity.AttentionMask;
import org.mtl4j.metrics.parity.NamedTensor;
import org.mtl4j.metrics.parity.OutputComparison;
import org.mtl4j.metrics.parity.ParityComparator;
import org.mtl4j.metrics.parity.ParityReport;
import org.mtl4j.metrics.parity.Tier;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.OptimizationLevel;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The parity gate every export runs: ONNX Runtime on CPU over the package's reference inputs,
 * compared with the reference outputs through {@link ParityComparator} at a tier (the portable one
 * for exports: every element within 1e-5 + 1.3e-6·|reference|, identical argmax except reference
 * ties), and each task's dev-split metrics computed from both sides, which must be equal; rows that
 * are reference ties take the reference's label on both sides.
 *
 * <p>Only the outputs the graph has are judged (an export with {@code --tasks} keeps a subset).
 * Token outputs ({@code [batch, sequence, tags]}) are judged at real-token positions: padding
 * positions are set to 0 on both sides before comparing, and left out of argmax agreement. A row
 * that is all padding is therefore judged only through the sequence-level outputs, which both sides
 * compute from uniform attention over the padding.
 */
public final class ParityGate {

  private ParityGate() {}

  /**
   * How the gate's sessions run: ONNX Runtime's basic level (constant folding, no fusions), so the
   * session computes the graph as written.
   */
  public static final RuntimeOptions SESSION_OPTIONS =
      RuntimeOptions.builder().optOptimizationLevel(OptimizationLevel.BASIC).build();

  /**
   * @param session a session over the candidate graph
   * @param reference the package's reference set
   * @param tasks the tasks whose outputs the graph holds (empty for an encoder-only graph)
   * @param tier the tier to judge against
   * @return the verdict
   */
  public static GateReport run(
      InferenceSession session, ReferenceSet reference, List<TaskSpec> tasks, Tier tier) {
    List<String> graphOutputs = session.outputNames();
    List<OutputComparison> outputs = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Map<String, List<FloatTensor>> candidateLogits = new HashMap<>();
    Map<String, List<FloatTensor>> referenceLogits = new HashMap<>();
    List<ReferenceBatch> devBatches = new ArrayList<>();
    for (ReferenceBatch batch : reference.batches()) {
      Map<String, FloatTensor> candidate = session.run(inputs(batch));
      List<NamedTensor> ref = new ArrayList<>();
      List<NamedTensor> cand = new ArrayList<>();
      for (String name : graphOutputs) {
        FloatTensor r = batch.outputs().get(name);
        if (r == null) {
          failures.add("batch " + batch.name() + ": output '" + name + "' has no reference");
          continue;
        }
        ref.add(masked(batch.name() + "/" + name, r, batch.attentionMask()));
        cand.add(masked(batch.name() + "/" + name, candidate.get(name), batch.attentionMask()));
      }
      ParityReport report =
          ParityComparator.compare(
              ref, cand, Optional.of(AttentionMask.of(batch.attentionMask())), tier);
      outputs.addAll(report.outputs());
      failures.addAll(report.failures());
      if (batch.isDev()) {
        devBatches.add(batch);
        for (TaskSpec task : tasks) {
          FloatTensor r = batch.outputs().get(task.outputName());
          candidateLogits
              .computeIfAbsent(task.name(), k -> new ArrayList<>())
              .add(withReferenceTies(task, r, candidate.get(task.outputName()), tier));
          referenceLogits.computeIfAbsent(task.name(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    Map<String, Map<String, double[]>> metrics = new LinkedHashMap<>();
    List<String> metricFailures = new ArrayList<>();
    if (!devBatches.isEmpty()) {
      for (TaskSpec task : tasks) {
        Map<String, Double> r =
            DevMetrics.compute(task, devBatches, referenceLogits.get(task.name()));
        Map<String, Double> c =
            DevMetrics.compute(task, devBatches, candidateLogits.get(task.name()));
        Map<String, double[]> pairs = new LinkedHashMap<>();
        r.forEach(
            (metric, value) -> {
              pairs.put(metric, new double[] {value, c.get(metric)});
              if (Double.compare(value, c.get(metric)) != 0) {
                metricFailures.add(
                    "task '"
                        + task.name()
                        + "' metric "
                        + metric
                        + " on the dev split: reference "
                        + value
                        + ", candidate "
                        + c.get(metric));
              }
            });
        if (!pairs.isEmpty()) {
          metrics.put(task.name(), pairs);
        }
      }
    }
    return new GateReport(new ParityReport(tier, outputs, failures), metrics, metricFailures);
  }

  /** The graph inputs of a batch. */
  public static Map<String, long[][]> inputs(ReferenceBatch batch) {
    Map<String, long[][]> in = new HashMap<>();
    in.put(OnnxContract.INPUT_IDS, batch.inputIds());
    in.put(OnnxContract.ATTENTION_MASK, batch.attentionMask());
    if (batch.tokenTypeIds() != null) {
      in.put(OnnxContract.TOKEN_TYPE_IDS, batch.tokenTypeIds());
    }
    return in;
  }

  /**
   * The candidate's logits with every reference tie of the tier ({@link Tier#isTie}) given the
   * reference's values, so that a tie row takes the reference's label on both sides of the dev
   * metrics. For multi-label tasks, whose labels are the positive logits, a tie is an element
   * within tolerance of 0. Tiers without ties return the candidate as it is.
   */
  static FloatTensor withReferenceTies(
      TaskSpec task, FloatTensor reference, FloatTensor candidate, Tier tier) {
    if (!tier.hasTies()
        || reference == null
        || candidate == null
        || !Arrays.equals(reference.shape(), candidate.shape())) {
      return candidate;
    }
    float[] ref = reference.data();
    float[] resolved = candidate.data().clone();
    if (task.type() == TaskType.MULTI_LABEL_CLASSIFICATION) {
      for (int i = 0; i < ref.length; i++) {
        if (Math.abs(ref[i]) <= tier.tolerance(0) + tier.tolerance(ref[i])) {
          resolved[i] = ref[i];
        }
      }
    } else {
      long[] shape = reference.shape();
      int classes = (int) shape[shape.length - 1];
      for (int offset = 0; classes > 0 && offset < ref.length; offset += classes) {
        if (tier.isTie(ref, offset, classes)) {
          System.arraycopy(ref, offset, resolved, offset, classes);
        }
      }
    }
    return new FloatTensor(candidate.shape(), resolved);
  }

  /** The tensor as a comparator input; a token output has its padding positions set to 0. */
  private static NamedTensor masked(String name, FloatTensor t, long[][] mask) {
    long[] shape = t.shape();
    float[] data = t.data();
    if (shape.length == 3
        && shape[0] == mask.length
        && (mask.length == 0 || shape[1] == mask[0].length)) {
      data = data.clone();
      int inner = (int) shape[2];
      for (int b = 0; b < shape[0]; b++) {
        for (int s = 0; s < shape[1]; s++) {
          if (mask[b][s] == 0) {
            Arrays.fill(
                data,
                (int) ((b * shape[1] + s) * inner),
                (int) ((b * shape[1] + s + 1) * inner),
                0f);
          }
        }
      }
    }
    return new NamedTensor(name, shape, data);
  }
}
