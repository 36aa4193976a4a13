package org.mtl4j.train.trainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A package's tasks' data on one split, read and tokenized with the same code, tokenizer, maximum
 * length and batch size as the trainer, ready to score the trained model (reproducing the metrics
 * the trainer reported) or any graph exported from it on ONNX Runtime: one data path for {@code mtl
 * eval}, {@code mtl eval --model} and the task-metric gates of {@code mtl optimize}.
 */
public final class PackageEvaluation {

  /** The provenance key of the task file the package was trained from. */
  public static final String TASK_FILE = "task_file";

  /** The provenance key of the batch size the trainer evaluated with. */
  public static final String EVAL_BATCH_SIZE = "eval_batch_size";

  private final ModelPackage pkg;
  private final Path taskFile;
  private final Split split;
  private final int batchSize;
  private final List<TaskData> data;

  private PackageEvaluation(
      ModelPackage pkg, Path taskFile, Split split, int batchSize, List<TaskData> data) {
    this.pkg = pkg;
    this.taskFile = taskFile;
    this.split = split;
    this.batchSize = batchSize;
    this.data = data;
  }

  /**
   * Scores the package's trained weights on DJL's PyTorch engine.
   *
   * @param pkg the opened package
   * @param taskFile the task file whose data to score, or null for the one the package records
   * @param split the split
   * @param batchSize examples per forward pass, or 0 for the one the package records
   * @return task name to metric name to value, for every package task with data for the split
   */
  public static Map<String, Map<String, Double>> evaluate(
      ModelPackage pkg, Path taskFile, Split split, int batchSize) {
    return prepare(pkg, taskFile, split, batchSize).evaluateTrained();
  }

  /**
   * Reads and tokenizes every package task's rows of a split.
   *
   * @param pkg the opened package
   * @param taskFile the task file whose data to read, or null for the one the package records
   * @param split the split
   * @param batchSize examples per forward pass, or 0 for the one the package records
   * @return the prepared data
   * @throws IllegalArgumentException when no task file is given or recorded, the task file lacks a
   *     package task, or a task's labels differ from its head's
   */
  public static PackageEvaluation prepare(
      ModelPackage pkg, Path taskFile, Split split, int batchSize) {
    Manifest manifest = pkg.manifest();
    Path file =
        taskFile != null
            ? taskFile
            : recordedTaskFile(pkg)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            pkg.dir() + " records no task file; name the data with --tasks FILE"));
    TaskFile tasks = TaskFile.read(file);
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
      return new PackageEvaluation(pkg, tasks.path(), split, rows, data);
    }
  }

  /**
   * @param pkg an opened package
   * @return the task file the package records it was trained from, when it records one
   */
  public static Optional<Path> recordedTaskFile(ModelPackage pkg) {
    return Optional.ofNullable(pkg.manifest().provenance().get(TASK_FILE)).map(Path::of);
  }

  /**
   * @return the task file the data was read from
   */
  public Path taskFile() {
    return taskFile;
  }

  /**
   * @return the split
   */
  public Split split() {
    return split;
  }

  /**
   * @return per package task with rows on the split, their number, in the manifest's order
   */
  public Map<String, Integer> rows() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (TaskData task : data) {
      if (!task.split(split).isEmpty()) {
        out.put(task.name(), task.split(split).size());
      }
    }
    return out;
  }

  /**
   * @return every task's metrics from the package's trained weights on DJL's PyTorch engine
   */
  public Map<String, Map<String, Double>> evaluateTrained() {
    try (MultiTaskModel model =
        MultiTaskModel.of(
            pkg.encoderConfig(),
            pkg.manifest().tasks(),
            pkg.readWeights(),
            pkg.file(ModelPackage.WEIGHTS).toString())) {
      return new Evaluator(model, batchSize).evaluate(data, split);
    }
  }

  /**
   * @param graph an ONNX file exported or optimized from the package
   * @return every task's metrics from the graph on ONNX Runtime
   * @throws IllegalArgumentException when the file is not a loadable model or lacks a task's output
   */
  public Map<String, Map<String, Double>> evaluateGraph(Path graph) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    predictGraph(graph, rows().keySet()).forEach((task, p) -> out.put(task, p.metrics()));
    return out;
  }

  /**
   * @param graph an ONNX file exported or optimized from the package
   * @param tasks the tasks to predict; each must have rows on the split
   * @return per task, gold and predicted labels of every row, in file order
   * @throws IllegalArgumentException when the file is not a loadable model, lacks a task's output,
   *     or a task has no rows on the split
   */
  public Map<String, TaskPredictions> predictGraph(Path graph, Collection<String> tasks) {
    List<TaskData> chosen = new ArrayList<>();
    for (String name : tasks) {
      TaskData task =
          data.stream()
              .filter(t -> t.name().equals(name) && !t.split(split).isEmpty())
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          taskFile + " has no " + split.label() + " rows for task '" + name + "'"));
      chosen.add(task);
    }
    try (GraphLogits logits =
        GraphLogits.open(graph, chosen.stream().map(TaskData::spec).toList())) {
      Evaluator evaluator = new Evaluator(logits, batchSize);
      Map<String, TaskPredictions> out = new LinkedHashMap<>();
      for (TaskData task : chosen) {
        out.put(task.name(), evaluator.predict(task, split));
      }
      return out;
    }
  }
}
