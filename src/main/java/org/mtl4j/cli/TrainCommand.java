package org.mtl4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.train.trainer.MultiTaskTrainer;
import org.mtl4j.train.trainer.TrainingOptions;
import org.mtl4j.train.trainer.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mtl train}: trains the tasks of a task file on one shared encoder and writes a package.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Fine-tunes one shared encoder with a head per task of a task file on DJL's PyTorch engine"
          + " and writes a model package: mtl.json, tokenizer.json, weights.safetensors and"
          + " reference/ (eval-mode outputs on probe batches). Reports dev metrics per epoch and"
          + " the package's dev and test metrics."
    })
public final class TrainCommand implements Callable<Integer> {

  @Option(
      names = "--tasks",
      required = true,
      paramLabel = "FILE",
      description = "the YAML task file")
  Path tasks;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "PKG",
      description = "package folder to write (empty or absent, unless --resume)")
  Path out;

  @Option(
      names = "--encoder",
      paramLabel = "NAME|DIR",
      description =
          "pretrained name (all-minilm-l6-v2, ...), HF checkpoint or package folder, or preset"
              + " (random weights); default: the task file's encoder:, else all-minilm-l6-v2")
  String encoder;

  @Option(
      names = "--epochs",
      defaultValue = "3",
      description = "passes over the training data (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "" + TrainingOptions.DEFAULT_BATCH_SIZE,
      description = "examples per batch (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(
      names = "--lr",
      defaultValue = "" + TrainingOptions.DEFAULT_LEARNING_RATE,
      description = "peak learning rate of AdamW (default ${DEFAULT-VALUE})")
  double learningRate;

  @Option(
      names = "--head-lr",
      defaultValue = "" + TrainingOptions.DEFAULT_HEAD_LEARNING_RATE,
      description =
          "peak learning rate of the heads, which start from scratch; 0: the same as --lr (default ${DEFAULT-VALUE})")
  double headLearningRate;

  @Option(
      names = "--max-seq-len",
      description = "most tokens per example (default: 128, or the encoder's limit when lower)")
  Integer maxSeqLen;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "seed of heads, batch order and dropout (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--resume", description = "continue the run whose checkpoint is in --out")
  boolean resume;

  @Option(
      names = "--grad-accumulation",
      defaultValue = "1",
      description = "batches per update (default ${DEFAULT-VALUE})")
  int gradAccumulation;

  @Option(
      names = "--warmup",
      defaultValue = "0.1",
      description = "fraction of updates with rising learning rate (default ${DEFAULT-VALUE})")
  double warmup;

  @Option(
      names = "--weight-decay",
      defaultValue = "0.01",
      description = "AdamW decoupled weight decay (default ${DEFAULT-VALUE})")
  double weightDecay;

  @Option(
      names = "--temperature",
      defaultValue = "1",
      description =
          "task sampling temperature; 1 = proportional to size (default ${DEFAULT-VALUE})")
  double temperature;

  @Option(
      names = "--no-shared-batches",
      description = "never let tasks reading the same sentences share a batch")
  boolean noSharedBatches;

  @Option(
      names = "--select",
      paramLabel = "TASK.METRIC",
      description =
          "dev metric choosing the best epoch (default: the mean of every task's first metric)")
  String select;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "0",
      paramLabel = "UPDATES",
      description = "also checkpoint every this many updates (default: end of each epoch only)")
  int checkpointEvery;

  @Option(
      names = "--eval-batch-size",
      defaultValue = "64",
      description = "examples per evaluation batch (default ${DEFAULT-VALUE})")
  int evalBatchSize;

  @Option(
      names = "--reference-dev-rows",
      defaultValue = "" + TrainingOptions.DEFAULT_REFERENCE_DEV_ROWS,
      paramLabel = "N",
      description =
          "dev examples per task recorded with gold labels in reference/ (default ${DEFAULT-VALUE});"
              + " 500 or more let the int8 and fp16 gates of mtl optimize judge task metrics"
              + " without the task file")
  int referenceDevRows;

  @Option(names = "--no-progress", description = "do not draw the progress bar")
  boolean noProgress;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    TaskFile taskFile = TaskFile.read(tasks);
    TrainingOptions options =
        TrainingOptions.builder()
            .optEpochs(epochs)
            .optBatchSize(batchSize)
            .optEvalBatchSize(evalBatchSize)
            .optLearningRate(learningRate)
            .optHeadLearningRate(headLearningRate)
            .optMaxSeqLen(maxSeqLen == null ? 0 : maxSeqLen)
            .optSeed(seed)
            .optGradAccumulation(gradAccumulation)
            .optWarmupRatio(warmup)
            .optWeightDecay(weightDecay)
            .optTemperature(temperature)
            .optShareBatches(!noSharedBatches)
            .optSelect(select)
            .optCheckpointEvery(checkpointEvery)
            .optReferenceDevRows(referenceDevRows)
            .optProgress(!noProgress && !json)
            .build();
    TrainingReport report =
        new MultiTaskTrainer(taskFile, encoder, out, options, System.err).run(resume);
    PrintWriter writer = spec.commandLine().getOut();
    if (json) {
      writer.println(Reports.json(report));
    } else {
      writer.print(Reports.text(report));
    }
    writer.flush();
    return ExitCodes.OK;
  }
}
