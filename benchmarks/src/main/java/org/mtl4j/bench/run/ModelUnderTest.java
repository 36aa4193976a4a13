package org.mtl4j.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * A model named on the command line: a package directory or an exported {@code .onnx} file, loaded
 * with the runtime, with the tasks a benchmark measures.
 *
 * @param path what the user named
 * @param model the loaded model (owned by whoever closes it)
 * @param tasks the tasks measured, in the manifest's order unless named
 */
public record ModelUnderTest(Path path, MtlModel model, List<TaskSpec> tasks) {

  /**
   * @param path a package directory or an {@code .onnx} file
   * @param options runtime options
   * @param taskNames tasks to measure; empty for every task that reads the workload's inputs
   * @param pairs whether the workload's inputs are pairs
   * @return the loaded model
   * @throws IllegalArgumentException when the model cannot load or a task is unknown
   */
  public static ModelUnderTest load(
      Path path, RuntimeOptions options, List<String> taskNames, boolean pairs) {
    MtlModel model = MtlModel.load(path, options);
    try {
      Manifest manifest = model.manifest();
      List<TaskSpec> tasks =
          taskNames.isEmpty()
              ? manifest.tasks().stream().filter(t -> t.type().pair() == pairs).toList()
              : taskNames.stream()
                  .map(
                      n ->
                          manifest
                              .task(n)
                              .orElseThrow(
                                  () ->
                                      new BenchInputException(
                                          "--tasks: "
                                              + path
                                              + " has no task '"
                                              + n
                                              + "'; its tasks: "
                                              + manifest.tasks().stream()
                                                  .map(TaskSpec::name)
                                                  .toList())))
                  .toList();
      if (tasks.isEmpty()) {
        throw new BenchInputException(
            path + " has no task that reads " + (pairs ? "text pairs" : "single texts"));
      }
      return new ModelUnderTest(path, model, tasks);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * @return the names of the measured tasks
   */
  public List<String> taskNames() {
    return tasks.stream().map(TaskSpec::name).toList();
  }

  /**
   * @return the tasks as {@code name:type:labels}, the contract a baseline records
   */
  public List<String> contractTasks() {
    return tasks.stream().map(t -> t.name() + ":" + t.type() + ":" + t.labels().size()).toList();
  }

  /**
   * @return the ONNX file: the path itself or the package's {@code model.onnx}
   */
  public Path onnx() {
    return Files.isDirectory(path) ? path.resolve(ModelPackage.MODEL_ONNX) : path;
  }

  /**
   * @param name the report name
   * @param workload the inputs
   * @return a call predicting the workload (owns the model)
   */
  public PredictCall predictCall(String name, Workload workload) {
    return new PredictCall(name, model, workload, taskNames());
  }

  /**
   * @param workload the inputs
   * @return each workload item tokenized and packed as {@code predict} packs it
   */
  public List<PackedBatch> pack(Workload workload) {
    return workload.batches().stream()
        .map(
            batch -> model.pack(batch.stream().map(in -> model.tokenize(in, taskNames())).toList()))
        .toList();
  }

  /**
   * @param workload the inputs
   * @param options the model's runtime options
   * @return a raw session run of the same file and outputs on inputs packed beforehand
   */
  public RawSessionCall rawCall(Workload workload, RuntimeOptions options) {
    return new RawSessionCall(
        "raw session " + path.getFileName(),
        onnx(),
        options,
        pack(workload),
        tasks.stream().map(TaskSpec::outputName).collect(java.util.stream.Collectors.toSet()));
  }
}
