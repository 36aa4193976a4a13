package org.mtl4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.train.reference.ProbeBatch;
import org.mtl4j.train.reference.ProbeBatches;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Every family's tiny preset with random weights: the exported graph, run by ONNX Runtime, matches
 * the DJL encoder and heads within 1e-5 on batches of 1, 3 and 8, length 1 and the maximum length,
 * and an all-padding row. Token outputs are compared at real-token positions; sequence outputs of
 * the all-padding row are compared too (both sides attend uniformly there).
 */
class FamilyParityTest {

  static final double TOLERANCE = 1e-5;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void everyHeadMatchesTheDjlHeads(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    int maxLength = Math.min(64, config.maxSequenceLength());
    List<ProbeBatch> batches = ProbeBatches.standard(config, maxLength, 11);
    ModelPackage pkg =
        TinyPackages.random(dir, config, TinyPackages.THREE_TASKS, batches, maxLength);
    Model model =
        GraphExporter.build(
            new ExportRequest(config, pkg.readWeights(), TinyPackages.THREE_TASKS, Map.of()));
    assertThat(model.graph().outputs())
        .extracting(v -> v.name())
        .containsExactly("intent.logits", "ner.logits", "topics.logits");
    try (InferenceSession runner =
        InferenceSession.open(OnnxWriter.toBytes(model), ParityGate.SESSION_OPTIONS)) {
      for (ReferenceBatch batch : pkg.reference().batches()) {
        Map<String, FloatTensor> out = runner.run(ParityGate.inputs(batch));
        for (TaskSpec task : TinyPackages.THREE_TASKS) {
          FloatTensor ref = batch.outputs().get(task.outputName());
          FloatTensor got = out.get(task.outputName());
          assertThat(got.shape()).as(batch.name() + " " + task.outputName()).isEqualTo(ref.shape());
          assertThat(maxAbsDiff(ref, got, task.type().tokenLevel() ? batch.attentionMask() : null))
              .as(family + " " + batch.name() + " " + task.outputName())
              .isLessThanOrEqualTo(TOLERANCE);
        }
      }
    }
  }

  /** Max |a - b|; with a mask, only at real-token positions of {@code [batch, sequence, k]}. */
  static double maxAbsDiff(FloatTensor a, FloatTensor b, long[][] mask) {
    long[] shape = a.shape();
    int inner = (int) shape[shape.length - 1];
    double max = 0;
    for (int i = 0; i < a.data().length; i++) {
      if (mask != null) {
        int row = i / inner;
        int seq = (int) shape[1];
        if (mask[row / seq][row % seq] == 0) {
          continue;
        }
      }
      max = Math.max(max, Math.abs((double) a.data()[i] - b.data()[i]));
    }
    return max;
  }
}
