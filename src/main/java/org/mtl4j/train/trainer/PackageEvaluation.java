package org.mtl4j.train.trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.train.data.ExampleTokenizer;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskDefinition;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Scores a model package on a split of its tasks' data with the same code, tokenizer, maximum
 * length and batch size as the trainer, so it reproduces the metrics the trainer reported.
 */
public final class PackageEvaluation {

  /** The provenance key of the task file the package was trained from. */
  public static final String TASK_FILE = "task_file";

  /** The provenance key of the batch size the trainer evaluated with. */
  public static final String EVAL_BATCH_SIZE = "eval_batch_size";

  private PackageEvaluation() {}

  /**
   * @param pkg the opened package
   * @param taskFile the task file whose data to score, or null for the one the package records
   * @param split the split
   * @param batchSize examples per forward pass, or 0 for the one the package records
   * @return task name to metric name to value, for every package task with data for the split
   */
  public static Map<String, Map<String, Double>> evaluate(
      ModelPackage pkg, Path taskFile, Split split, int batchSize) {
    Manifest manifest = pkg.manifest();
    TaskFile tasks = TaskFile.read(taskFile != null ? taskFile : recordedTaskFile(pkg));
    int rows =
        batchSize > 0
            ? batchSize
            : Integer.parseInt(manifest.provenance().getOrDefault(EVAL_BATCH_SIZE, "64"));
    try (ExampleTokenizer tokenizer =
        ExampleTokenizer.open(
            pkg.tokenizerFile(),
            manifest.tokenizer().maxLength(),
            manifest.tokenizer().padLeft())) {
      List<TaskData> data = new ArrayList<>();
      for (TaskSpec spec : manifest.tasks()) {
        TaskDefinition definition = tasks.task(spec.name());
        if (!definition.spec().labels().equals(spec.labels())) {
          throw new ModelFormatException(
              tasks.path()
                  + ": task "
                  + spec.name()
                  + " has labels "
                  + definition.spec().labels()
                  + " but the package's head was trained on "
                  + spec.labels());
        }
        data.add(TaskData.prepare(definition, tokenizer, Set.of(split)));
      }
      try (MultiTaskModel model =
          MultiTaskModel.of(
              pkg.encoderConfig(),
              manifest.tasks(),
              pkg.readWeights(),
              pkg.file(ModelPackage.WEIGHTS).toString())) {
        return new Evaluator(model, rows).evaluate(data, split);
      }
    }
  }

  private static Path recordedTaskFile(ModelPackage pkg) {
    String recorded = pkg.manifest().provenance().get(TASK_FILE);
    if (recorded == null) {
      throw new IllegalArgumentException(
          pkg.dir() + " records no task file; name the data with --tasks FILE");
    }
    return Path.of(recorded);
  }
}
