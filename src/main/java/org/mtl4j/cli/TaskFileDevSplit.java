package org.mtl4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.export.DevSplitScorer;
import org.mtl4j.export.TaskScore;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.trainer.PackageEvaluation;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * The whole dev split of a package's task file, scored as {@code mtl eval --model} scores it
 * ({@link PackageEvaluation}): the rows the fp16 and int8 gates of {@code mtl optimize} judge task
 * metrics on. The data is read and tokenized once, when first needed.
 */
final class TaskFileDevSplit implements DevSplitScorer {

  private final ModelPackage pkg;
  private final Path taskFile;
  private PackageEvaluation evaluation;

  private TaskFileDevSplit(ModelPackage pkg, Path taskFile) {
    this.pkg = pkg;
    this.taskFile = taskFile;
  }

  /**
   * The dev split of the given task file, else of the one the package records when it is readable;
   * else a scorer without rows that says why.
   *
   * @param pkgDir the package folder
   * @param taskFile the task file the user named, or null
   * @return the scorer
   * @throws UsageException when the named task file is not a readable file
   */
  static DevSplitScorer of(Path pkgDir, Path taskFile) {
    ModelPackage pkg = ModelPackage.open(pkgDir);
    if (taskFile != null) {
      if (!Files.isRegularFile(taskFile) || !Files.isReadable(taskFile)) {
        throw new UsageException("--task-file " + taskFile + " is not a readable file");
      }
      return new TaskFileDevSplit(pkg, taskFile);
    }
    Path recorded = PackageEvaluation.recordedTaskFile(pkg).orElse(null);
    if (recorded == null) {
      return DevSplitScorer.unavailable(
          "the package records no task file (name one with --task-file FILE)");
    }
    if (!Files.isRegularFile(recorded) || !Files.isReadable(recorded)) {
      return DevSplitScorer.unavailable(
          "the task file the package records, "
              + recorded
              + ", is not readable (name one with --task-file FILE)");
    }
    return new TaskFileDevSplit(pkg, recorded);
  }

  private PackageEvaluation evaluation() {
    if (evaluation == null) {
      evaluation = PackageEvaluation.prepare(pkg, taskFile, Split.DEV, 0);
    }
    return evaluation;
  }

  @Override
  public String source() {
    return "the dev split of " + taskFile;
  }

  @Override
  public Map<String, Integer> rows() {
    return evaluation().rows();
  }

  @Override
  public Map<String, TaskScore> score(Path graph, List<String> tasks) {
    Map<String, TaskScore> out = new LinkedHashMap<>();
    evaluation()
        .predictGraph(graph, tasks)
        .forEach((task, p) -> out.put(task, new TaskScore(p.metrics(), p.predicted())));
    return out;
  }
}
