package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.train.encoder.Scalars;
import org.mtl4j.train.loss.TaskLoss;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.tasks.LossType;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * Gradients must not depend on what the garbage collector does between the forward and the backward
 * pass. Each case computes the gradients twice, the second time collecting garbage and filling
 * freshly freed native memory with 1e30 before {@code backward}: a constant that autograd needs but
 * Java owns (DJL's {@code mul(Number)}) is then read back as 1e30.
 */
class GradientStorageTest {

  private static final int BATCH = 3;
  private static final int LENGTH = 6;

  @Test
  void djlScalarArithmeticIsExposedByTheChurnButScalarsIsNot() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray x = manager.create(new float[] {1, 2, 3});
      x.setRequiresGradient(true);

      float[] owned = gradient(x, v -> Scalars.apply(v, NDArray::mul, 3f));
      boolean exposed = false;
      for (int attempt = 0; attempt < 10 && !exposed; attempt++) {
        exposed = !Arrays.equals(gradient(x, v -> v.mul(3f)), new float[] {3f, 3f, 3f});
      }

      assertThat(owned).containsExactly(3f, 3f, 3f);
      assertThat(exposed)
          .as("the churn must reach DJL's freed constant, or these tests prove nothing")
          .isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void everyParameterGetsTheSameGradientWhenTheCollectorRunsBeforeBackward(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    List<TaskSpec> tasks =
        List.of(
            task("single", TaskType.SINGLE_SENTENCE_CLASSIFICATION, LossType.CROSS_ENTROPY),
            task("tags", TaskType.NER, LossType.NER),
            task("kinds", TaskType.MULTI_LABEL_CLASSIFICATION, LossType.BINARY_CROSS_ENTROPY));
    try (MultiTaskModel model =
        MultiTaskModel.withNewHeads(
            config, tasks, RandomWeights.of(config, config.family().hasPooler(), 5), 9, "random")) {
      model.parameters().values().forEach(p -> p.setRequiresGradient(true));

      Map<String, float[]> calm = gradients(model, tasks, false);
      Map<String, float[]> churned = gradients(model, tasks, true);

      assertThat(churned.keySet()).isEqualTo(calm.keySet());
      calm.forEach(
          (name, expected) ->
              assertThat(churned.get(name)).as(family + " " + name).containsExactly(expected));
    }
  }

  private static TaskSpec task(String name, TaskType type, LossType loss) {
    return new TaskSpec(name, type, List.of("a", "b", "c"), loss.fileName(), 0.7, List.of(), 0.1);
  }

  /** One training-mode forward and backward over every head, as the trainer runs it. */
  private static Map<String, float[]> gradients(
      MultiTaskModel model, List<TaskSpec> tasks, boolean churn) {
    Engine engine = model.manager().getEngine();
    engine.setRandomSeed(11);
    try (NDManager scope = model.manager().newSubManager();
        GradientCollector collector = engine.newGradientCollector()) {
      Map<String, NDArray> logits = model.forward(inputs(scope, model), names(tasks), true);
      NDArray total = null;
      for (TaskSpec task : tasks) {
        TaskLoss loss = TaskLoss.of(LossType.fromFileName(task.loss()), task.lossWeight());
        NDArray value = loss.compute(logits.get(task.name()), labels(scope, task));
        total = total == null ? value : total.add(value);
      }
      NDArray scaled = Scalars.apply(total, NDArray::div, 2f);
      if (churn) {
        churn();
      }
      collector.backward(scaled);
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    model
        .parameters()
        .forEach(
            (name, p) -> {
              out.put(name, p.getGradient().toFloatArray());
              p.getGradient().subi(p.getGradient());
            });
    return out;
  }

  /** The gradient of {@code sum(f(x))}, with garbage churned between forward and backward. */
  private static float[] gradient(NDArray x, UnaryOperator<NDArray> f) {
    try (GradientCollector collector = x.getManager().getEngine().newGradientCollector()) {
      NDArray y = f.apply(x).sum();
      churn();
      collector.backward(y);
    }
    float[] g = x.getGradient().toFloatArray();
    x.getGradient().subi(x.getGradient());
    return g;
  }

  /** Collects garbage and hands the freed native memory out again, filled with 1e30. */
  private static void churn() {
    List<ByteBuffer> held = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (int i = 0; i < 2000; i++) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        buffer.putFloat(0, 1e30f).putFloat(4, 1e30f);
        held.add(buffer);
      }
    }
  }

  private static List<String> names(List<TaskSpec> tasks) {
    return tasks.stream().map(TaskSpec::name).toList();
  }

  private static NDList inputs(NDManager manager, MultiTaskModel model) {
    long[][] ids = new long[BATCH][LENGTH];
    long[][] mask = new long[BATCH][LENGTH];
    long[][] types = new long[BATCH][LENGTH];
    for (int r = 0; r < BATCH; r++) {
      int length = LENGTH - r;
      for (int i = 0; i < length; i++) {
        ids[r][i] = 10 + (7L * r + 3L * i) % 40;
        mask[r][i] = 1;
        types[r][i] = i < length / 2 ? 0 : 1;
      }
    }
    NDList list = new NDList(manager.create(ids), manager.create(mask));
    if (model.encoder().family().usesTokenTypeIds()) {
      list.add(manager.create(types));
    }
    return list;
  }

  private static NDArray labels(NDManager manager, TaskSpec task) {
    return switch (task.type()) {
      case NER ->
          manager.create(
              new long[] {
                0, 1, 2, -100, -100, -100, 2, 1, 0, 1, -100, -100, 1, 1, 2, -100, -100, -100
              },
              new Shape(BATCH, LENGTH));
      case MULTI_LABEL_CLASSIFICATION ->
          manager.create(new long[] {1, 0, 1, 0, 0, 1, 1, 1, 0}, new Shape(BATCH, 3));
      default -> manager.create(new long[] {2, 0, 1});
    };
  }
}
