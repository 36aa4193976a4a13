package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtl inspect} on the real all-MiniLM-L6-v2 model. */
class InspectCommandTest {

  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void copyModel() {
    model = CliRun.miniLm(dir);
  }

  @Test
  void printsTheOperatorHistogram() {
    CliRun run = CliRun.of("inspect", model.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("IR version 6")
        .contains("opsets     ai.onnx 11")
        .contains("input_ids         int64[batch_size, sequence_length]")
        .contains("last_hidden_state float[batch_size, sequence_length, 384]")
        .contains("nodes      637")
        .containsPattern("operators\n  Constant +146\n  Add +88\n")
        .containsPattern("\n  MatMul +48\n")
        .containsPattern("\n  Softmax +6\n")
        .contains("parameters 22,565,888 (86.1 MiB)")
        .contains("metadata   (none)");
  }

  @Test
  void jsonParsesWithTheDocumentedKeys() throws Exception {
    CliRun run = CliRun.of("inspect", model.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "irVersion",
            "opsets",
            "inputs",
            "outputs",
            "nodeCount",
            "opCounts",
            "parameterCount",
            "parameterBytes",
            "metadata");
    assertThat(json.get("irVersion").asLong()).isEqualTo(6);
    assertThat(json.get("opsets").get("").asLong()).isEqualTo(11);
    JsonNode ids = json.get("inputs").get(0);
    assertThat(ids.get("name").asText()).isEqualTo("input_ids");
    assertThat(ids.get("elemType").asText()).isEqualTo("int64");
    assertThat(ids.get("shape").toString()).isEqualTo("[\"batch_size\",\"sequence_length\"]");
    JsonNode out = json.get("outputs").get(0);
    assertThat(out.get("shape").toString()).isEqualTo("[\"batch_size\",\"sequence_length\",384]");
    assertThat(json.get("nodeCount").asInt()).isEqualTo(637);
    assertThat(json.get("opCounts").get("MatMul").asInt()).isEqualTo(48);
    assertThat(json.get("opCounts").get("Erf").asInt()).isEqualTo(6);
    assertThat(json.get("parameterCount").asLong()).isEqualTo(22_565_888L);
    assertThat(json.get("parameterBytes").asLong()).isEqualTo(90_265_600L);
    assertThat(json.get("metadata").size()).isZero();
  }

  @Test
  void aFileThatIsNoModelIsBadInput() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "this is not protobuf at all");
    CliRun run = CliRun.of("inspect", junk.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: " + junk + ": not a valid ONNX model");
  }

  @Test
  void aMissingFileIsBadInput() {
    CliRun run = CliRun.of("inspect", dir.resolve("nope.onnx").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no such file: " + dir.resolve("nope.onnx"));
  }
}
