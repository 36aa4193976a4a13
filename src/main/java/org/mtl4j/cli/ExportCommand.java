package org.mtl4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mtl4j.export.ExportResult;
import org.mtl4j.export.OptimizeRequest;
import org.mtl4j.export.OptimizeResult;
import org.mtl4j.export.PackageExporter;
import org.mtl4j.export.ParityGateException;
import org.mtl4j.export.TritonRepository;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.zoo.pkg.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtl export}: a model package to one multi-output ONNX graph, behind the parity gate. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a model package as ONE ONNX graph (portable flavour: standard operators only):"
          + " the encoder once, one output <task>.logits per head, manifest and tokenizer inside.",
      "Every export runs the parity gate (ONNX Runtime on CPU vs the package's reference outputs,"
          + " max abs diff <= 1e-5, identical argmax, equal dev metrics); a failed gate exits 1"
          + " with the report and leaves no model file."
    })
public final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PKG", description = "the model package folder")
  Path pkg;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "the ONNX file (default: PKG/model.onnx)")
  Path out;

  @Option(
      names = "--tasks",
      split = ",",
      paramLabel = "a,b",
      description = "keep only these heads, in this order")
  List<String> tasks = List.of();

  @Option(
      names = "--triton",
      paramLabel = "DIR",
      description = "also write a Triton model repository there")
  Path triton;

  @Option(
      names = "--triton-name",
      paramLabel = "NAME",
      description =
          "the model's name in the Triton repository (default: the package folder's name)")
  String tritonName;

  @Option(
      names = "--triton-tensorrt",
      description = "add a TensorRT accelerator section to config.pbtxt")
  boolean tritonTensorRt;

  @Option(
      names = "--optimize",
      paramLabel = "LEVEL",
      description =
          "also write the optimized graph beside the export (clean, fused, int8 or fp16; see mtl optimize)")
  String optimize;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Mixin VerifyOption checksums = new VerifyOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    OptimizationLevel level = optimize == null ? null : OptimizeCommand.level(optimize);
    ModelPackage opened = checksums.open(pkg);
    Path target = out != null ? out : pkg.resolve(ModelPackage.MODEL_ONNX);
    long start = System.nanoTime();
    ExportResult result;
    try {
      result = PackageExporter.export(opened, target, tasks);
    } catch (ParityGateException e) {
      if (json) {
        spec.commandLine().getOut().println(e.report().toJson());
      } else {
        spec.commandLine().getErr().print(e.report().toText());
        spec.commandLine().getErr().flush();
      }
      throw new CheckFailedException(
          "the exported graph failed the parity gate ("
              + String.join("; ", e.report().failures())
              + "); no model file was written");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Path config = null;
    if (triton != null) {
      String name =
          tritonName != null
              ? tritonName
              : pkg.toAbsolutePath().normalize().getFileName().toString();
      config = TritonRepository.write(result.files(), triton, name, tritonTensorRt);
    }
    OptimizeResult optimized = null;
    if (level != null) {
      Path model = result.model();
      optimized =
          OptimizeCommand.run(
              new OptimizeRequest(
                  model,
                  OptimizeCommand.packageOf(model),
                  level,
                  model.resolveSibling(level.fileName(model.getFileName().toString())),
                  List.of(),
                  Set.of(),
                  OptimizeCommand.devSplit(OptimizeCommand.packageOf(model), null)),
              json,
              spec);
    }
    print(result, seconds, config, optimized);
    return ExitCodes.OK;
  }

  private void print(ExportResult result, double seconds, Path config, OptimizeResult optimized) {
    if (json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("model", result.model().toString());
      result.files().forEach(f -> root.withArray("files").add(f.toString()));
      result.outputs().forEach(o -> root.withArray("outputs").add(o));
      root.put("seconds", seconds);
      if (config != null) {
        root.put("triton", config.toString());
      }
      root.set("parity", result.report().toJsonNode());
      if (optimized != null) {
        root.set("optimized", OptimizeCommand.toJson(optimized));
      }
      spec.commandLine().getOut().println(root.toPrettyString());
      return;
    }
    var w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "wrote %s (%s) in %.1f s%n",
        result.model(),
        String.join(", ", result.outputs()),
        seconds);
    w.print(Reports.parity(result.report()));
    if (config != null) {
      w.printf("Triton repository: %s%n", config.getParent());
    }
    if (optimized != null) {
      w.print(OptimizeCommand.toText(optimized));
    }
    w.flush();
  }
}
