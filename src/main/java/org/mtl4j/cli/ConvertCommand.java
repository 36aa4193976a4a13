package org.mtl4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mtl4j.export.ExportResult;
import org.mtl4j.export.PackageExporter;
import org.mtl4j.export.ParityGateException;
import org.mtl4j.train.reference.PackageConversion;
import org.mtl4j.zoo.EncoderSources;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pkg.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtl convert}: an HF checkpoint or pretrained name to a model package, exported. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a model package from a HuggingFace checkpoint folder or a pretrained name (encoder"
          + " only, or with the tasks and heads of --heads PKG2), records its reference outputs"
          + " with the DJL encoder, and exports it through the parity gate to OUT/model.onnx.",
      "An encoder-only graph outputs last_hidden_state (and pooler_output where the family has"
          + " a pooler)."
    })
public final class ConvertCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description =
          "a checkpoint folder or a pretrained name (all-minilm-l6-v2, bge-small-en-v1.5, e5-small-v2)")
  String source;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "PKG",
      description = "the package folder to write")
  Path out;

  @Option(
      names = "--heads",
      paramLabel = "PKG2",
      description = "take tasks and heads from this package")
  Path heads;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Mixin VerifyOption checksums = new VerifyOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    EncoderCheckpoint checkpoint = EncoderSources.load(source);
    ModelPackage headPackage = heads == null ? null : checksums.open(heads);
    ModelPackage pkg = PackageConversion.convert(checkpoint, headPackage, out);
    ExportResult result;
    try {
      result = PackageExporter.export(pkg, out.resolve(ModelPackage.MODEL_ONNX), List.of());
    } catch (ParityGateException e) {
      spec.commandLine().getErr().print(e.report().toText());
      spec.commandLine().getErr().flush();
      throw new CheckFailedException("the converted package's graph failed the parity gate");
    }
    if (json) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.put("package", out.toString());
      root.put("model", result.model().toString());
      result.outputs().forEach(o -> root.withArray("outputs").add(o));
      root.set("parity", result.report().toJsonNode());
      spec.commandLine().getOut().println(root.toPrettyString());
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "wrote package %s and %s (%s); parity gate: PASS%n",
              out,
              result.model(),
              String.join(", ", result.outputs()));
    }
    return ExitCodes.OK;
  }
}
