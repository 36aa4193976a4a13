package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.ModelPackage;

/** The longest example is settled against the encoder's positions before any training. */
class SequenceLengthTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir Path dir;

  @Test
  void anExplicitLengthBeyondTheEncodersPositionsFailsBeforeTraining() throws IOException {
    int positions = Presets.tiny(EncoderFamily.BERT).config().maxSequenceLength();
    Path out = dir.resolve("pkg");
    TrainingOptions options =
        TrainingOptions.builder().optEpochs(1).optMaxSeqLen(positions + 1).build();

    assertThatThrownBy(() -> train(out, options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--max-seq-len "
                + (positions + 1)
                + " exceeds the "
                + positions
                + " positions of encoder tiny-bert; choose "
                + positions
                + " or less");
    if (Files.exists(out)) {
      try (Stream<Path> files = Files.list(out)) {
        assertThat(files).isEmpty();
      }
    }
  }

  @Test
  void theDefaultLengthShrinksToTheEncodersPositions() {
    int positions = Presets.tiny(EncoderFamily.BERT).config().maxSequenceLength();
    assertThat(positions).isLessThan(TrainingOptions.DEFAULT_MAX_SEQ_LEN);
    Path out = dir.resolve("pkg");

    TrainingReport report =
        train(out, TrainingOptions.builder().optEpochs(1).optBatchSize(8).build());

    assertThat(report.finished()).isTrue();
    assertThat(ModelPackage.open(out).manifest().tokenizer().maxLength()).isEqualTo(positions);
  }

  private TrainingReport train(Path out, TrainingOptions options) {
    Path tasks = TinyTasks.write(dir.resolve("data"), 16, 8, 1);
    return new MultiTaskTrainer(TaskFile.read(tasks), "tiny-bert", out, options, QUIET).run(false);
  }
}
