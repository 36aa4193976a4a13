package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/** {@code mtl predict} in-process: JSON lines, task selection, pairs, files, bad input. */
class PredictCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path pkg;

  @BeforeAll
  static void writeModel() {
    pkg =
        new TinyModel(9, FixtureTasks.ALL, MiniLmModel.VOCAB, true)
            .writePackage(dir.resolve("pkg"), 32);
  }

  @Test
  void oneTextGivesOneLineWithEveryTypedResult() throws Exception {
    CliRun r =
        CliRun.of("predict", pkg.toString(), "--text", "Anna flew to Oslo", "--threads", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode line = JSON.readTree(r.out().trim());
    assertThat(line.fieldNames()).toIterable().containsExactly("intent", "topics", "slots");
    assertThat(line.at("/intent/label").asText()).isIn(FixtureTasks.INTENT.labels());
    assertThat(line.at("/intent/probabilities").size()).isEqualTo(3);
    assertThat(line.at("/topics/labels").isArray()).isTrue();
    assertThat(line.at("/slots/tags").size()).isEqualTo(4);
    assertThat(line.at("/slots/tags/3/word").asText()).isEqualTo("Oslo");
    assertThat(line.at("/slots/tags/3/charStart").asInt()).isEqualTo(13);
    assertThat(line.at("/slots/entities").isArray()).isTrue();
  }

  @Test
  void pairAndTaskSelection() throws Exception {
    CliRun pair = CliRun.of("predict", pkg.toString(), "--text", "a cat", "--text-b", "an animal");
    assertThat(JSON.readTree(pair.out().trim()).fieldNames()).toIterable().containsExactly("nli");
    CliRun some =
        CliRun.of("predict", pkg.toString(), "--text", "hello", "--tasks", "slots,intent");
    assertThat(JSON.readTree(some.out().trim()).fieldNames())
        .toIterable()
        .containsExactly("intent", "slots");
  }

  @Test
  void jsonlFileToOutputFile() throws Exception {
    Path in =
        Files.write(
            dir.resolve("in.jsonl"),
            List.of(
                "{\"text\": \"first one\"}",
                "",
                "{\"text\": \"second\", \"text_b\": \"pair\"}",
                "{\"text\": \"\"}"));
    Path out = dir.resolve("out/pred.jsonl");
    CliRun r =
        CliRun.of("predict", pkg.toString(), "--input", in.toString(), "--output", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines.get(1)).has("nli")).isTrue();
    assertThat(JSON.readTree(lines.get(2)).at("/slots/tags").size()).isZero();
  }

  @Test
  void badInputExitsTwoWithAClearMessage() throws Exception {
    CliRun unknown = CliRun.of("predict", pkg.toString(), "--text", "x", "--tasks", "sentiment");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown task 'sentiment'");
    Path in = Files.write(dir.resolve("bad.jsonl"), List.of("{\"text\": \"ok\"}", "{\"txt\": 1}"));
    CliRun bad = CliRun.of("predict", pkg.toString(), "--input", in.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.jsonl:2");
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "junk");
    CliRun notOnnx = CliRun.of("predict", junk.toString(), "--text", "x");
    assertThat(notOnnx.exitCode()).isEqualTo(2);
    assertThat(notOnnx.err()).contains("not a loadable ONNX model");
    assertThat(
            CliRun.of("predict", pkg.toString(), "--text-b", "x", "--input", in.toString())
                .exitCode())
        .isEqualTo(2);
  }
}
