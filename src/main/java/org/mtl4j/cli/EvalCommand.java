package org.mtl4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.trainer.PackageEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mtl eval}: every task's metrics of a package, or of one of its ONNX graphs, on a split of
 * its data.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Scores a model package's heads on the dev or test split of its task file (the one it was"
          + " trained from, or --tasks), with the trainer's tokenizer, maximum length and batch"
          + " size, in eval mode on DJL's PyTorch engine.",
      "With --model FILE it scores an exported or optimized graph of the package instead, on"
          + " ONNX Runtime over the same batches: how to decide whether model.int8.onnx is good"
          + " enough."
    })
public final class EvalCommand implements Callable<Integer> {

  /** The splits that can be scored. */
  enum SplitName {
    dev,
    test
  }

  @Parameters(index = "0", paramLabel = "PKG", description = "the model package folder")
  Path pkg;

  @Option(
      names = "--split",
      defaultValue = "dev",
      description = "dev or test (default ${DEFAULT-VALUE})")
  SplitName split;

  @Option(
      names = "--tasks",
      paramLabel = "FILE",
      description = "task file naming the data (default: the one the package was trained from)")
  Path tasks;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "score this ONNX graph (model.onnx, model.int8.onnx, ...) on ONNX Runtime instead of"
              + " the trained weights")
  Path model;

  @Option(
      names = "--batch-size",
      defaultValue = "0",
      description = "examples per forward pass (default: the trainer's)")
  int batchSize;

  @Option(names = "--json", description = "print {\"task\": {\"metric\": value}}")
  boolean json;

  @Mixin VerifyOption checksums = new VerifyOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Split which = split == SplitName.dev ? Split.DEV : Split.TEST;
    if (model != null && !Files.isRegularFile(model)) {
      throw new UsageException("no such model file: " + model);
    }
    PackageEvaluation data =
        PackageEvaluation.prepare(checksums.open(pkg), tasks, which, batchSize);
    Map<String, Map<String, Double>> metrics =
        model == null ? data.evaluateTrained() : data.evaluateGraph(model);
    if (metrics.isEmpty()) {
      throw new UsageException("no task of " + pkg + " has " + which.label() + " data");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Reports.json(metrics));
    } else {
      out.println(which.label() + " metrics of " + (model == null ? pkg : model) + ":");
      out.print(Reports.metrics(metrics));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
