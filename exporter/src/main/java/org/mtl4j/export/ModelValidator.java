package org.mtl4j.export;

import java.nio.file.Path;
import java.util.List;
import org.mtl4j.metrics.parity.Tier;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ManifestJson;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Re-runs the parity gate on an ONNX file already written: its outputs against a package's
 * reference set, at the portable tier. The tasks judged are those of the manifest the file carries
 * (the export's selection), falling back to the package's tasks whose outputs the graph has.
 */
public final class ModelValidator {

  private ModelValidator() {}

  /**
   * @param model an ONNX file
   * @param pkg the package holding the reference outputs
   * @return the gate's report
   */
  public static GateReport validate(Path model, ModelPackage pkg) {
    try (InferenceSession session = InferenceSession.open(model, ParityGate.SESSION_OPTIONS)) {
      List<String> outputs = session.outputNames();
      String carried = session.metadata().get(Manifest.METADATA_KEY);
      List<TaskSpec> tasks =
          carried != null
              ? ManifestJson.fromJson(carried, model + " metadata " + Manifest.METADATA_KEY).tasks()
              : pkg.manifest().tasks().stream()
                  .filter(t -> outputs.contains(t.outputName()))
                  .toList();
      return ParityGate.run(session, pkg.reference(), tasks, Tier.PORTABLE);
    }
  }
}
