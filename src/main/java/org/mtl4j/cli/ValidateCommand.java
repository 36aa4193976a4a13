package org.mtl4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mtl4j.export.GateReport;
import org.mtl4j.export.ModelValidator;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mtl validate}: re-runs the parity gate on an exported graph. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Re-runs the parity gate on an exported graph: ONNX Runtime on CPU over the package's"
          + " reference inputs vs its reference outputs (portable tier: every element within"
          + " 1e-5 + 1.3e-6*|reference|, identical argmax except reference ties) and equal dev metrics.",
      "PKG validates PKG/model.onnx; MODEL.onnx is validated against the package it lies in, or"
          + " --package. Exits 1 when the gate fails.",
      "--json: {\"passed\", \"tier\", \"atol\", \"rtol\", \"outputs\": {name: {\"maxAbsDiff\","
          + " \"maxRelativeExcess\", \"toleranceUsed\", \"argmaxAgreement\", \"argmaxTies\"}},"
          + " \"metrics\": {task: {metric: {\"reference\", \"candidate\"}}}, \"failures\"}"
    })
public final class ValidateCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "PKG|MODEL.onnx",
      description = "a package folder or an ONNX file")
  Path source;

  @Option(
      names = "--package",
      paramLabel = "PKG",
      description = "the package whose reference outputs to use")
  Path pkg;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Mixin VerifyOption checksums = new VerifyOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Path model;
    Path pkgDir;
    if (Files.isDirectory(source)) {
      pkgDir = pkg != null ? pkg : source;
      model = source.resolve(ModelPackage.MODEL_ONNX);
    } else {
      model = source;
      pkgDir = pkg != null ? pkg : source.toAbsolutePath().getParent();
    }
    if (!Files.isRegularFile(model)) {
      throw new UsageException(model + " does not exist; run `mtl export` first");
    }
    if (!Files.isRegularFile(pkgDir.resolve(Manifest.FILE_NAME))) {
      throw new UsageException(
          "no model package with reference outputs found for "
              + model
              + "; name one with --package PKG");
    }
    ModelPackage opened = checksums.open(pkgDir);
    if (model.toAbsolutePath().normalize().getParent().equals(pkgDir.toAbsolutePath().normalize())
        && checksums.verify()) {
      checkModelFile(opened, model.getFileName().toString());
    }
    GateReport report = ModelValidator.validate(model, opened);
    if (json) {
      spec.commandLine().getOut().println(report.toJson());
    } else {
      spec.commandLine().getOut().print(report.toText());
      spec.commandLine().getOut().flush();
    }
    if (!report.passed()) {
      throw new CheckFailedException(
          model + " failed the parity gate: " + String.join("; ", report.failures()));
    }
    return ExitCodes.OK;
  }

  private static void checkModelFile(ModelPackage opened, String name) {
    try {
      opened.modelFile(name);
    } catch (ModelFormatException e) {
      throw new UsageException("cannot validate: " + e.getMessage(), e);
    }
  }
}
