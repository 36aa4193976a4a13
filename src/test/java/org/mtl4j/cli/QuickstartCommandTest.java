package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;

/**
 * {@code mtl quickstart} end to end on a tiny encoder and a small demo set: it trains, exports
 * behind the parity gate, prints the parity figures, and prints the predictions the runtime makes
 * from the exported file.
 */
class QuickstartCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void trainsExportsPrintsParityAndServedPredictions() throws Exception {
    Path out = dir.resolve("qs");
    CliRun run =
        CliRun.of(
            "quickstart",
            "--out",
            out.toString(),
            "--encoder",
            "tiny-bert",
            "--train-size",
            "48",
            "--no-progress");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path onnx = out.resolve("model").resolve("model.onnx");
    assertThat(onnx).exists();
    for (String head : new String[] {"intent.logits", "ner.logits", "fragdetect.logits"}) {
      assertThat(run.out())
          .containsPattern("parity " + head + " +max abs diff \\S+, argmax agreement 1\\.0000");
    }
    assertThat(run.out()).contains("parity gate: PASS");
    try (MtlModel model = MtlModel.load(onnx)) {
      for (String sentence : QuickstartServing.SENTENCES) {
        Prediction served = model.predict(sentence);
        ClassificationResult intent = served.get("intent", ClassificationResult.class);
        assertThat(run.out())
            .contains(
                "  \""
                    + sentence
                    + "\"\n"
                    + String.format(
                        Locale.ROOT,
                        "    %-12s %s (%.3f)%n",
                        "intent",
                        intent.label(),
                        intent.score()));
        assertThat(served.results()).containsOnlyKeys("intent", "ner", "fragdetect");
      }
    }
  }

  @Test
  void jsonReportHoldsParityAndExamples() throws Exception {
    CliRun run =
        CliRun.of(
            "quickstart",
            "--out",
            dir.resolve("qs").toString(),
            "--encoder",
            "tiny-bert",
            "--train-size",
            "48",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("test").has("intent")).isTrue();
    assertThat(report.at("/export/parity/passed").asBoolean()).isTrue();
    assertThat(report.at("/export/parity/outputs").has("ner.logits")).isTrue();
    assertThat(report.get("examples")).hasSize(QuickstartServing.SENTENCES.size());
    assertThat(report.at("/examples/0/prediction/ner/entities").isArray()).isTrue();
    assertThat(report.at("/examples/3/prediction/fragdetect/label").asText()).isNotEmpty();
  }
}
