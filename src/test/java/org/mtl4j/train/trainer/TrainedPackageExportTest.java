package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.cli.CliRun;
import org.mtl4j.zoo.encoder.EncoderFamily;

/**
 * Packages written by {@code mtl train} after one short epoch, on every family's tiny preset,
 * export through the parity gate: every head within 1e-5 of the trainer's reference outputs (its
 * probe batches and dev examples) with equal dev metrics; {@code mtl validate} re-runs the gate on
 * the file.
 */
class TrainedPackageExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void aTrainedPackageExportsThroughTheGate(EncoderFamily family) throws IOException {
    Path tasks = TinyTasks.write(dir.resolve("data"), 24, 8, 5);
    Path pkg = dir.resolve("pkg");
    CliRun train =
        CliRun.of(TinyTasks.trainArgs(tasks, pkg, "tiny-" + family.modelType(), 1, "--json"));
    assertThat(train.exitCode()).as(train.err()).isZero();

    CliRun export = CliRun.of("export", pkg.toString(), "--json");
    assertThat(export.exitCode()).as(export.err() + export.out()).isZero();
    JsonNode result = JSON.readTree(export.out());
    assertThat(result.at("/parity/passed").asBoolean()).isTrue();
    assertThat(result.get("outputs").toString())
        .isEqualTo("[\"intent.logits\",\"ner.logits\",\"pair.logits\",\"tags.logits\"]");
    for (JsonNode output : result.at("/parity/outputs")) {
      assertThat(output.get("maxAbsDiff").asDouble()).isLessThanOrEqualTo(1e-5);
      assertThat(output.get("argmaxAgreement").asDouble()).isEqualTo(1.0);
    }
    assertThat(result.at("/parity/metrics").size()).isPositive();

    CliRun validate = CliRun.of("validate", pkg.toString(), "--json");
    assertThat(validate.exitCode()).as(validate.err()).isZero();
    assertThat(JSON.readTree(validate.out()).get("passed").asBoolean()).isTrue();
  }
}
