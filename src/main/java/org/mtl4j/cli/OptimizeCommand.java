package org.mtl4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mtl4j.export.DevSplitScorer;
import org.mtl4j.export.ModelOptimizer;
import org.mtl4j.export.OptimizeGateException;
import org.mtl4j.export.OptimizeRequest;
import org.mtl4j.export.OptimizeResult;
import org.mtl4j.export.OptimizedGate;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.graph.passes.PassReport;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mtl optimize}: an exported graph to a clean, fused, int8 or fp16 graph, behind its gate;
 * the int8 and fp16 gates of a package's graph score the whole dev split of its task file.
 */
@Command(
    name = "optimize",
    mixinStandardHelpOptions = true,
    description = {
      "Optimizes an ONNX graph (a package's model.onnx, or any BERT-style file): clean (dead"
          + " code, no-ops, constant folding, duplicate initializers), fused (plus ONNX Runtime's"
          + " contrib fusions: LayerNormalization, SkipLayerNormalization, BiasGelu/FastGelu,"
          + " Attention), int8 (plus dynamic int8 quantization of the weight MatMuls) or fp16"
          + " (plus float16 weights and compute, float32 inputs and outputs).",
      "The result is written only when it passes its parity gate (exit 1 otherwise); a gate"
          + " that cannot decide exits 2. The int8 gate of a package's graph compares every"
          + " task's metrics on the whole dev split of its task file (--task-file, or the one"
          + " the package was trained from) with the fp32 model.onnx: each within 1 point."
          + " Without a readable task file it scores the package's reference dev rows when they"
          + " are at least 500 per task (mtl train --reference-dev-rows 500)."
    })
public final class OptimizeCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "MODEL.onnx|PKG",
      description = "an ONNX file, or a package folder (its model.onnx)")
  Path source;

  @Option(
      names = "--level",
      required = true,
      paramLabel = "LEVEL",
      description = "clean, fused, int8 or fp16")
  String level;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "the optimized file (default: beside the input, model.<level>.onnx)")
  Path out;

  @Option(names = "--tasks", split = ",", paramLabel = "a,b", description = "keep only these heads")
  List<String> tasks = List.of();

  @Option(
      names = "--task-file",
      paramLabel = "FILE",
      description =
          "the task file whose whole dev split the int8 and fp16 gates of a package's graph score"
              + " (default: the one the package was trained from)")
  Path taskFile;

  @Option(
      names = "--keep-fp32",
      split = ",",
      paramLabel = "NAMES",
      description = "node names, output names or task names to leave in float32 (int8, fp16)")
  List<String> keepFp32 = List.of();

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    OptimizationLevel parsed = level(level);
    Path model = Files.isDirectory(source) ? source.resolve(ModelPackage.MODEL_ONNX) : source;
    if (!Files.exists(model)) {
      throw new UsageException(
          "no such model: "
              + model
              + (Files.isDirectory(source) ? " (run mtl export on the package first)" : ""));
    }
    Path pkg = packageOf(model);
    if (pkg == null && taskFile != null) {
      throw new UsageException(
          "--task-file needs a model inside a package folder (its mtl.json names the tasks); "
              + model
              + " is not in one");
    }
    Path target =
        out != null ? out : model.resolveSibling(parsed.fileName(model.getFileName().toString()));
    OptimizeResult result =
        run(
            new OptimizeRequest(
                model,
                pkg,
                parsed,
                target,
                tasks,
                new HashSet<>(keepFp32),
                devSplit(pkg, taskFile)),
            json,
            spec);
    print(result);
    return ExitCodes.OK;
  }

  /**
   * @param pkg the package folder, or null for a file from elsewhere
   * @param taskFile the task file the user named, or null for the one the package records
   * @return the dev rows of the package's task-metric gates; null without a package
   */
  static DevSplitScorer devSplit(Path pkg, Path taskFile) {
    return pkg == null ? null : TaskFileDevSplit.of(pkg, taskFile);
  }

  /** The package folder holding the model, when the folder is one. */
  static Path packageOf(Path model) {
    Path dir = model.toAbsolutePath().normalize().getParent();
    return dir != null && Files.isRegularFile(dir.resolve(Manifest.FILE_NAME)) ? dir : null;
  }

  private void print(OptimizeResult result) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(result).toPrettyString());
    } else {
      out.print(toText(result));
    }
    out.flush();
  }

  /**
   * {@code {model, level, passSeconds, passes: {stage: {pass: n, nodesBefore, nodesAfter}},
   * gateAgainst, parity}}.
   */
  static ObjectNode toJson(OptimizeResult result) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("model", result.model().toString());
    root.put("level", result.level().cliName());
    root.put("passSeconds", result.passSeconds());
    ObjectNode passes = root.putObject("passes");
    result
        .passes()
        .forEach(
            (stage, r) -> {
              ObjectNode s = passes.putObject(stage);
              r.changes().forEach(s::put);
              s.put("nodesBefore", r.nodesBefore());
              s.put("nodesAfter", r.nodesAfter());
            });
    root.put("gateAgainst", result.gate().against());
    root.set("parity", result.gate().json());
    return root;
  }

  /** The passes' report per stage, then the gate's. */
  static String toText(OptimizeResult result) {
    StringBuilder w =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "wrote %s (%s; passes %.2f s)%n",
                result.model(),
                result.level().cliName(),
                result.passSeconds()));
    for (Map.Entry<String, PassReport> e : result.passes().entrySet()) {
      w.append(e.getKey()).append(":\n").append(e.getValue().toText());
    }
    w.append("parity gate against ")
        .append(result.gate().against())
        .append(":\n")
        .append(result.gate().text());
    return w.toString();
  }

  /**
   * @param text a level as the user wrote it
   * @return the level
   * @throws UsageException naming the unknown level
   */
  static OptimizationLevel level(String text) {
    try {
      return OptimizationLevel.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /**
   * Runs the optimizer, turning a failed gate into a failed check after printing its report.
   *
   * @param request what to optimize
   * @param json whether the report is printed as JSON
   * @param spec the command, for its output streams
   * @return the result
   */
  static OptimizeResult run(OptimizeRequest request, boolean json, CommandSpec spec) {
    try {
      return ModelOptimizer.optimize(request);
    } catch (OptimizeGateException e) {
      OptimizedGate gate = e.gate();
      if (json) {
        spec.commandLine().getOut().println(gate.json().toPrettyString());
        spec.commandLine().getOut().flush();
      } else {
        spec.commandLine().getErr().print(gate.text());
        spec.commandLine().getErr().flush();
      }
      throw new CheckFailedException(e.getMessage() + "; no model file was written");
    }
  }
}
