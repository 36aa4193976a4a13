package org.mtl4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mtl4j.export.ExportResult;
import org.mtl4j.export.PackageExporter;
import org.mtl4j.export.ParityGateException;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.MultiLabelResult;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TaggingResult;
import org.mtl4j.runtime.TaskResult;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * The end of {@code mtl quickstart}: the trained package exported to one ONNX graph behind the
 * parity gate, then the exported file served by the runtime on a few demo sentences.
 */
final class QuickstartServing {

  /** Demo inputs: three whole utterances of the demo domains and one fragment. */
  static final List<String> SENTENCES =
      List.of(
          "book a table for two at a thai restaurant in berlin tonight",
          "what is the weather in paris tomorrow",
          "play some jazz music on spotify",
          "a table for two at");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExportResult export;
  private final Map<String, Prediction> predictions;

  private QuickstartServing(ExportResult export, Map<String, Prediction> predictions) {
    this.export = export;
    this.predictions = predictions;
  }

  /**
   * Exports the package to its {@code model.onnx} and predicts the demo sentences from that file.
   *
   * @param packageDir the trained package
   * @return the export's result and the predictions
   * @throws CheckFailedException with the gate's report when parity fails
   */
  static QuickstartServing run(Path packageDir) {
    ModelPackage pkg = ModelPackage.open(packageDir);
    ExportResult export;
    try {
      export = PackageExporter.export(pkg, pkg.file(ModelPackage.MODEL_ONNX), List.of());
    } catch (ParityGateException e) {
      throw new CheckFailedException(
          "the exported graph failed the parity gate; no model file was written\n"
              + e.report().toText());
    }
    Map<String, Prediction> predictions = new LinkedHashMap<>();
    try (MtlModel model = MtlModel.load(export.model(), RuntimeOptions.builder().build())) {
      for (String sentence : SENTENCES) {
        predictions.put(sentence, model.predict(sentence));
      }
    }
    return new QuickstartServing(export, predictions);
  }

  /** Parity figures, then each sentence's results, one line per task. */
  void print(PrintWriter out) {
    out.printf("exported %s (%s)%n", export.model(), String.join(", ", export.outputs()));
    out.print(Reports.parity(export.report()));
    out.println("predictions by ONNX Runtime from the exported file:");
    predictions.forEach(
        (sentence, prediction) -> {
          out.printf("  \"%s\"%n", sentence);
          prediction
              .results()
              .forEach((task, result) -> out.printf("    %-12s %s%n", task, describe(result)));
        });
  }

  /** Adds {@code export} (file, outputs, parity) and {@code examples} to a JSON report. */
  void addTo(ObjectNode root) {
    ObjectNode exported = root.putObject("export");
    exported.put("model", export.model().toString());
    export.outputs().forEach(o -> exported.withArray("outputs").add(o));
    exported.set("parity", export.report().toJsonNode());
    ArrayNode examples = root.putArray("examples");
    predictions.forEach(
        (sentence, prediction) -> {
          ObjectNode example = examples.addObject();
          example.put("text", sentence);
          example.set("prediction", JSON.valueToTree(prediction.json()));
        });
  }

  private static String describe(TaskResult result) {
    if (result instanceof ClassificationResult c) {
      return String.format(Locale.ROOT, "%s (%.3f)", c.label(), c.score());
    }
    if (result instanceof MultiLabelResult m) {
      return m.labels().isEmpty()
          ? "(no label)"
          : m.labels().stream()
              .map(l -> String.format(Locale.ROOT, "%s (%.3f)", l.label(), l.score()))
              .collect(Collectors.joining(", "));
    }
    TaggingResult t = (TaggingResult) result;
    return t.entities().isEmpty()
        ? "(no entity)"
        : t.entities().stream()
            .map(e -> String.format(Locale.ROOT, "%s=\"%s\"", e.type(), e.text()))
            .collect(Collectors.joining(", "));
  }
}
