package org.mtl4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.reference.ProbeBatch;
import org.mtl4j.train.reference.ProbeBatches;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * Parity after a few training steps (gradient descent through the trainer's multi-task model,
 * dropout on): weights that moved away from their initialisation still export within 1e-5 of the
 * DJL outputs, every head, every probe batch.
 */
class TrainedParityTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void aFewTrainingStepsLaterTheGateStillPasses(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    List<TaskSpec> tasks = TinyPackages.THREE_TASKS;
    int maxLength = Math.min(32, config.maxSequenceLength());
    List<ProbeBatch> batches = ProbeBatches.standard(config, maxLength, 13);
    Map<String, FloatTensor> start = new LinkedHashMap<>(RandomWeights.of(config, true, 42));
    start.putAll(TinyPackages.randomHeads(tasks, config.hiddenSize(), 0.1, 9));
    Map<String, FloatTensor> trained;
    try (MultiTaskModel model = MultiTaskModel.of(config, tasks, start, "random")) {
      model.parameters().values().forEach(p -> p.setRequiresGradient(true));
      ProbeBatch batch = batches.get(2);
      for (int step = 0; step < 3; step++) {
        try (NDManager scope = model.manager().newSubManager();
            GradientCollector collector = model.manager().getEngine().newGradientCollector()) {
          NDList in =
              new NDList(scope.create(batch.inputIds()), scope.create(batch.attentionMask()));
          if (family.usesTokenTypeIds()) {
            in.add(scope.create(batch.tokenTypeIds()));
          }
          Map<String, NDArray> logits =
              model.forward(in, tasks.stream().map(TaskSpec::name).toList(), true);
          NDArray loss = null;
          for (NDArray l : logits.values()) {
            NDArray term = l.sub(1f).square().mean();
            loss = loss == null ? term : loss.add(term);
          }
          collector.backward(loss);
        }
        for (NDArray p : model.parameters().values()) {
          NDArray g = p.getGradient();
          p.subi(g.mul(0.05f));
          g.subi(g);
        }
      }
      trained = model.snapshot();
    }
    List<org.mtl4j.zoo.encoder.ParameterSpec> specs = config.parameters(true);
    for (String moved : List.of(specs.get(specs.size() - 1).name(), "heads.intent.weight")) {
      assertThat(trained.get(moved).data()).as(moved).isNotEqualTo(start.get(moved).data());
    }

    ModelPackage pkg =
        TinyPackages.writeAll(dir.resolve("pkg"), config, tasks, trained, batches, maxLength);
    ExportResult result = PackageExporter.export(pkg, dir.resolve("model.onnx"), List.of());
    assertThat(result.report().passed()).as(result.report().toText()).isTrue();
    assertThat(result.outputs()).containsExactly("intent.logits", "ner.logits", "topics.logits");
  }
}
