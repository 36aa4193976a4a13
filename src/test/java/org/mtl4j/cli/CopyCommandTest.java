package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Tensor;

/** {@code mtl copy} moves the real MiniLM model's weights out to external data and back. */
class CopyCommandTest {

  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void copyModel() {
    model = CliRun.miniLm(dir);
  }

  @Test
  void movesWeightsToExternalDataAndBackUnchanged() throws Exception {
    Path external = dir.resolve("ext/model.onnx");
    CliRun toExternal =
        CliRun.of("copy", model.toString(), external.toString(), "--external-data", "--json");
    assertThat(toExternal.exitCode()).as(toExternal.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(toExternal.out());
    assertThat(report.get("externalData").asText())
        .isEqualTo(dir.resolve("ext/model.onnx.data").toString());
    assertThat(report.get("bytes").asLong()).isLessThan(1 << 20);
    assertThat(report.get("externalDataBytes").asLong()).isGreaterThan(90_000_000L);

    Path inline = dir.resolve("inline.onnx");
    CliRun back = CliRun.of("copy", external.toString(), inline.toString());
    assertThat(back.exitCode()).as(back.err()).isZero();
    assertThat(back.out()).isEqualTo("wrote " + inline + " (86.2 MiB)\n");
    assertThat(dir.resolve("inline.onnx.data")).doesNotExist();

    assertEquivalent(OnnxReader.read(model), OnnxReader.read(inline));
    assertEquivalent(OnnxReader.read(model), OnnxReader.read(external));
  }

  @Test
  void locationWithoutExternalDataIsBadUsage() {
    CliRun run =
        CliRun.of(
            "copy", model.toString(), dir.resolve("x.onnx").toString(), "--location", "w.bin");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--location needs --external-data");
    assertThat(dir.resolve("x.onnx")).doesNotExist();
  }

  @Test
  void anUnsafeLocationIsRejectedBeforeWriting() {
    CliRun run =
        CliRun.of(
            "copy",
            model.toString(),
            dir.resolve("y.onnx").toString(),
            "--external-data",
            "--location",
            "../w.bin");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("external-data location '../w.bin' uses '..'");
    assertThat(dir.resolve("y.onnx")).doesNotExist();
  }

  private static void assertEquivalent(Model expected, Model actual) {
    assertThat(actual.irVersion()).isEqualTo(expected.irVersion());
    assertThat(actual.opsets()).isEqualTo(expected.opsets());
    assertThat(actual.graph().nodes()).isEqualTo(expected.graph().nodes());
    assertThat(actual.graph().inputs()).isEqualTo(expected.graph().inputs());
    assertThat(actual.graph().outputs()).isEqualTo(expected.graph().outputs());
    assertThat(actual.graph().initializers().keySet())
        .containsExactlyElementsOf(expected.graph().initializers().keySet());
    for (Tensor t : expected.graph().initializers().values()) {
      Tensor u = actual.graph().initializers().get(t.name());
      assertThat(u.elemType()).isEqualTo(t.elemType());
      assertThat(u.dims()).isEqualTo(t.dims());
      assertThat(u.bytes()).as(t.name()).isEqualTo(t.bytes());
    }
  }
}
