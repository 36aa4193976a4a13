package org.mtl4j.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.io.WriteOptions;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.metrics.parity.Tier;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.zoo.io.KillPoints;
import org.mtl4j.zoo.io.StagingFolder;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ManifestJson;
import org.mtl4j.zoo.pkg.ModelFiles;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Model package to one ONNX file, behind the parity gate. The graph is written into a staging
 * folder beside the target, loaded by ONNX Runtime and judged by {@link ParityGate} at the portable
 * tier; only a graph that passes is moved into place by {@link ModelFiles#install} (external data
 * first, the model last, their checksums recorded in the manifest when the target is in a package).
 * On failure nothing is left behind and the gate's report is thrown.
 */
public final class PackageExporter {

  /** Packages whose weights file passes this many bytes are exported with external data. */
  public static final long EXTERNAL_DATA_THRESHOLD = 256L << 20;

  private PackageExporter() {}

  /**
   * @param pkg an opened package
   * @param taskNames the heads to keep, in output order; empty for all of the manifest's
   * @return the tasks to export
   * @throws IllegalArgumentException naming an unknown task and the known ones
   */
  public static List<TaskSpec> selectTasks(ModelPackage pkg, List<String> taskNames) {
    Manifest manifest = pkg.manifest();
    if (taskNames.isEmpty()) {
      return manifest.tasks();
    }
    List<TaskSpec> out = new ArrayList<>();
    for (String name : taskNames) {
      out.add(
          manifest
              .task(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the package has no task '"
                              + name
                              + "'; its tasks: "
                              + manifest.tasks().stream().map(TaskSpec::name).toList())));
    }
    return out;
  }

  /**
   * Builds the graph of a package: encoder once, the selected heads, manifest (tasks narrowed to
   * the selection) and tokenizer as {@code metadata_props}.
   *
   * @param pkg an opened package
   * @param tasks the heads to emit
   * @return the model
   */
  public static Model build(ModelPackage pkg, List<TaskSpec> tasks) {
    Manifest m = pkg.manifest();
    Manifest narrowed = m.forGraph(tasks);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(Manifest.METADATA_KEY, ManifestJson.toJson(narrowed));
    metadata.put(Manifest.TOKENIZER_METADATA_KEY, pkg.tokenizerJson());
    return GraphExporter.build(
        new ExportRequest(pkg.encoderConfig(), pkg.readWeights(), tasks, metadata));
  }

  /**
   * Exports a package and runs the gate.
   *
   * @param pkg an opened package
   * @param out the ONNX file to write
   * @param taskNames the heads to keep; empty for all
   * @return what was written and the gate's report
   * @throws ParityGateException when the graph fails the gate (nothing is written)
   * @throws ExportException when the package cannot be exported
   */
  public static ExportResult export(ModelPackage pkg, Path out, List<String> taskNames) {
    boolean external = weightBytes(pkg) > EXTERNAL_DATA_THRESHOLD;
    return export(
        pkg, out, taskNames, external ? WriteOptions.externalData() : WriteOptions.inline());
  }

  /**
   * Exports a package with the given weight storage and runs the gate.
   *
   * @param pkg an opened package
   * @param out the ONNX file to write
   * @param taskNames the heads to keep; empty for all
   * @param storage inline weights or external data (beside the model, named per write unless the
   *     options name it)
   * @return what was written and the gate's report
   * @throws ParityGateException when the graph fails the gate (nothing is written)
   * @throws IllegalArgumentException when a subset of the tasks would be written over the package's
   *     own {@code model.onnx} (nothing is written)
   */
  public static ExportResult export(
      ModelPackage pkg, Path out, List<String> taskNames, WriteOptions storage) {
    List<TaskSpec> tasks = selectTasks(pkg, taskNames);
    refuseSubsetOverOwnModel(pkg, out, tasks);
    return gateAndWrite(pkg, build(pkg, tasks), tasks, out, storage);
  }

  /**
   * The package's own {@code model.onnx} is the graph its manifest describes: loading or serving
   * the package runs every task of {@code mtl.json} on it. A graph with fewer heads goes elsewhere
   * (it carries its narrowed manifest); the same heads in another order may replace it.
   */
  private static void refuseSubsetOverOwnModel(ModelPackage pkg, Path out, List<TaskSpec> tasks) {
    Path own = pkg.dir().resolve(ModelPackage.MODEL_ONNX).toAbsolutePath().normalize();
    int all = pkg.manifest().tasks().size();
    Set<String> kept = new HashSet<>();
    tasks.forEach(t -> kept.add(t.name()));
    if (kept.size() < all && out.toAbsolutePath().normalize().equals(own)) {
      throw new IllegalArgumentException(
          "--tasks keeps "
              + kept.size()
              + " of the package's "
              + all
              + " tasks, but "
              + own
              + " must hold every task of its "
              + Manifest.FILE_NAME
              + " (mtl serve and the runtime load the package with all of them); write the"
              + " smaller graph elsewhere with --out FILE.onnx");
    }
  }

  private static ExportResult gateAndWrite(
      ModelPackage pkg, Model model, List<TaskSpec> tasks, Path out, WriteOptions storage) {
    Path target = out.toAbsolutePath().normalize();
    String name = target.getFileName().toString();
    try (StagingFolder staging = StagingFolder.create(target.getParent(), name)) {
      Path staged = staging.resolve(name);
      OnnxWriter.write(
          model,
          staged,
          storage.location() == null
              ? storage.withLocation(ModelFiles.externalDataName(name))
              : storage);
      model = null; // the weights now live in the file; let the gate have the heap
      KillPoints.reached("export.staged:" + name);
      GateReport report;
      try (InferenceSession session = InferenceSession.open(staged, ParityGate.SESSION_OPTIONS)) {
        report = ParityGate.run(session, pkg.reference(), tasks, Tier.PORTABLE);
        if (!report.passed()) {
          throw new ParityGateException(report);
        }
        List<String> outputs = session.outputNames();
        KillPoints.reached("export.gated:" + name);
        List<Path> written = ModelFiles.install(target.getParent(), staging.path(), name);
        return new ExportResult(target, written, outputs, report);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private static long weightBytes(ModelPackage pkg) {
    try {
      return Files.size(pkg.dir().resolve(ModelPackage.WEIGHTS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pkg.dir().resolve(ModelPackage.WEIGHTS), e);
    }
  }
}
