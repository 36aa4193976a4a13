package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.cli.Main;
import org.mtl4j.zoo.encoder.EncoderFamily;
import picocli.CommandLine;

/**
 * Packages written by {@code mtl train} after one short epoch, on every family's tiny preset,
 * export through the parity gate: every head within 1e-5 of the trainer's reference outputs
 * (its probe batches and dev examples) with equal dev metrics; {@code mtl validate} re-runs the
 * gate on the file.
 */
class TrainedPackageExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void aTrainedPackageExportsThroughTheGate(EncoderFamily family) throws IOException {
    Path tasks = TinyTasks.write(dir.resolve("data"), 24, 8, 5);
    Path pkg = dir.resolve("pkg");
    Run train = run("train", "--tasks", tasks.toString(), "--out", pkg.toString(),
        "--encoder", "tiny-" + family.modelType(), "--epochs", "1", "--batch-size", "8", "--lr", "2e-3",
        "--warmup", "0", "--max-seq-len", "24", "--seed", "3", "--no-progress", "--json");
    assertThat(train.code).as(train.err).isZero();

    Run export = run("export", pkg.toString(), "--json");
    assertThat(export.code).as(export.err + export.out).isZero();
    JsonNode result = JSON.readTree(export.out);
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.get("outputs").toString())
        .isEqualTo("[\"intent.logits\",\"ner.logits\",\"pair.logits\",\"tags.logits\"]");
    for (JsonNode output : result.at("/parity/outputs")) {
      assertThat(output.get("maxAbsDiff").asDouble()).isLessThanOrEqualTo(1e-5);
      assertThat(output.get("argmaxAgreement").asDouble()).isEqualTo(1.0);
    }
    assertThat(result.at("/parity/metrics").size()).isPositive();

    Run validate = run("validate", pkg.toString(), "--json");
    assertThat(validate.code).as(validate.err).isZero();
    assertThat(JSON.readTree(validate.out).get("passed").asBoolean()).isTrue();
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {}
}
