package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * A run stopped after a mid-epoch checkpoint and resumed ends with exactly the weights of an
 * uninterrupted run with the same seed: batch order comes from the seed and the epoch, dropout is
 * re-seeded per batch, and the checkpoint holds the weights, both AdamW moments and the position.
 * Gradient accumulation is on, so the checkpoint must fall on an update boundary.
 */
class ResumeTest {

  @TempDir Path dir;

  private TaskFile tasks;

  @BeforeEach
  void data() {
    tasks = TaskFile.read(TinyTasks.write(dir.resolve("data"), 40, 8, 11));
  }

  @Test
  void resumedRunEndsWithTheUninterruptedWeights() {
    TrainingOptions.Builder options =
        TrainingOptions.builder()
            .optEpochs(2)
            .optBatchSize(8)
            .optLearningRate(1e-3)
            .optMaxSeqLen(24)
            .optSeed(5)
            .optGradAccumulation(2)
            .optCheckpointEvery(2);

    TrainingReport straight = train(options, dir.resolve("straight"), false);
    TrainingReport stopped = train(options.optStopAfterUpdates(5), dir.resolve("resumed"), false);
    TrainingReport resumed = train(options.optStopAfterUpdates(-1), dir.resolve("resumed"), true);

    assertThat(straight.finished()).isTrue();
    assertThat(stopped.finished()).isFalse();
    assertThat(stopped.updates()).isEqualTo(5);
    assertThat(resumed.finished()).isTrue();
    assertThat(resumed.updates()).isEqualTo(straight.updates());
    Map<String, FloatTensor> expected = ModelPackage.open(dir.resolve("straight")).readWeights();
    Map<String, FloatTensor> actual = ModelPackage.open(dir.resolve("resumed")).readWeights();
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((name, tensor) -> assertThat(actual.get(name)).as(name).isEqualTo(tensor));
    assertThat(resumed.test()).isEqualTo(straight.test());
    assertThat(resumed.history()).isEqualTo(straight.history());
  }

  @Test
  void refusesToOverwriteARunOrResumeNothing() {
    TrainingOptions.Builder options =
        TrainingOptions.builder().optEpochs(1).optBatchSize(16).optMaxSeqLen(24);
    train(options, dir.resolve("pkg"), false);

    assertThatThrownBy(() -> train(options, dir.resolve("pkg"), false))
        .hasMessageContaining("is not empty")
        .hasMessageContaining("--resume");
    assertThatThrownBy(() -> train(options, dir.resolve("fresh"), true))
        .hasMessageContaining("holds no checkpoint");
  }

  private TrainingReport train(TrainingOptions.Builder options, Path out, boolean resume) {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    return new MultiTaskTrainer(tasks, "tiny-bert", out, options.build(), quiet).run(resume);
  }
}
