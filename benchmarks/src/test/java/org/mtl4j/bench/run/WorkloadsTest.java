package org.mtl4j.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.runtime.ModelInput;

class WorkloadsTest {

  @TempDir Path dir;

  @Test
  void aTextFileGivesOneInputPerNonBlankLineInBatches() throws Exception {
    Path file = Files.writeString(dir.resolve("texts.txt"), "one\n\ntwo two\nthree\n");
    Workload w = Workloads.fromFile(file, 2);
    assertThat(w.batches())
        .containsExactly(
            List.of(ModelInput.of("one"), ModelInput.of("two two")),
            List.of(ModelInput.of("three")));
    assertThat(w.inputs()).isEqualTo(3);
    assertThat(w.description()).contains("texts.txt (3 texts), batch 2");
  }

  private static final DevSplit DEV = devSplit();

  private static DevSplit devSplit() {
    Map<String, List<ModelInput>> texts = new LinkedHashMap<>();
    texts.put("intent", List.of(ModelInput.of("play jazz"), ModelInput.of("book a table")));
    texts.put("nli", List.of(ModelInput.pair("a cat", "an animal")));
    texts.put("slots", List.of(ModelInput.of("book a table"), ModelInput.of("weather in oslo")));
    return new DevSplit(Path.of("data/tasks.yml"), texts);
  }

  @Test
  void devTextsOfTheTextTasksEachOnceNamingFileAndTasks() {
    Workload w = Workloads.fromDevSplit(DEV, List.of(), 2);
    assertThat(w.batches().stream().flatMap(List::stream).toList())
        .containsExactly(
            ModelInput.of("play jazz"),
            ModelInput.of("book a table"),
            ModelInput.of("weather in oslo"));
    assertThat(w.description())
        .startsWith("dev texts of " + Path.of("data/tasks.yml"))
        .contains("(tasks intent, slots: 3 texts), batch 2");
  }

  @Test
  void devPairsOnlyWhenOnlyPairTasksAreMeasured() {
    Workload pairs = Workloads.fromDevSplit(DEV, List.of("nli"), 1);
    assertThat(pairs.batches()).containsExactly(List.of(ModelInput.pair("a cat", "an animal")));
    assertThat(pairs.description()).startsWith("dev pairs of ").contains("tasks nli: 1 pairs");
    Workload slots = Workloads.fromDevSplit(DEV, List.of("slots"), 1);
    assertThat(slots.inputs()).isEqualTo(2);
    assertThat(slots.digest()).isNotEqualTo(Workloads.fromDevSplit(DEV, List.of(), 1).digest());
    assertThatThrownBy(() -> Workloads.fromDevSplit(DEV, List.of("topics"), 1))
        .isInstanceOf(BenchInputException.class)
        .hasMessageContaining("tasks.yml has no dev data for tasks [topics]");
  }

  @Test
  void aJsonlFileGivesTextsAndPairs() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("in.jsonl"),
            "{\"text\": \"a cat\"}\n{\"text\": \"premise\", \"text_b\": \"hypothesis\"}\n");
    Workload w = Workloads.fromFile(file, 1);
    assertThat(w.batches())
        .containsExactly(
            List.of(ModelInput.of("a cat")), List.of(ModelInput.pair("premise", "hypothesis")));
  }

  @Test
  void theDigestTellsWorkloadsApart() throws Exception {
    Workload a = Workloads.fromFile(Files.writeString(dir.resolve("a.txt"), "x\ny\n"), 1);
    Workload b = Workloads.fromFile(Files.writeString(dir.resolve("b.txt"), "x\ny\n"), 1);
    Workload c = Workloads.fromFile(Files.writeString(dir.resolve("c.txt"), "x\nz\n"), 1);
    assertThat(a.digest()).isEqualTo(b.digest()).isNotEqualTo(c.digest());
    assertThat(Workloads.builtIn(1).digest()).isEqualTo(Workloads.builtIn(1).digest());
  }

  @Test
  void emptyMalformedMissingOrMisnamedFilesAreRefusedWithTheirName() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
    assertThatThrownBy(() -> Workloads.fromFile(empty, 1))
        .isInstanceOf(BenchInputException.class)
        .hasMessageContaining("empty.txt holds no texts");
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"ok\"}\n{\"text\": \n");
    assertThatThrownBy(() -> Workloads.fromFile(bad, 1))
        .isInstanceOf(BenchInputException.class)
        .hasMessageContaining("bad.jsonl line 2: not valid JSON");
    Path noText = Files.writeString(dir.resolve("notext.jsonl"), "{\"txt\": \"ok\"}\n");
    assertThatThrownBy(() -> Workloads.fromFile(noText, 1))
        .hasMessageContaining(
            "notext.jsonl line 1: expected an object with a non-empty \"text\" string");
    assertThatThrownBy(() -> Workloads.fromFile(dir.resolve("missing.txt"), 1))
        .isInstanceOf(BenchInputException.class)
        .hasMessageContaining("cannot read texts file")
        .hasMessageContaining("missing.txt");
    Path csv = Files.writeString(dir.resolve("texts.csv"), "a\n");
    assertThatThrownBy(() -> Workloads.fromFile(csv, 1))
        .hasMessageContaining("expected a .txt file");
  }

  @Test
  void syntheticTextsHaveExactlyTheAskedTokenCounts() {
    // a whitespace "tokenizer" with two special tokens
    Workload w =
        Workloads.synthetic(List.of(5, 9), List.of(1, 3), t -> t.split(" ").length + 2, 64);
    assertThat(w.batches()).hasSize(4);
    assertThat(w.batches().get(1)).hasSize(3);
    assertThat(w.batches().get(3)).allSatisfy(i -> assertThat(i.text().split(" ")).hasSize(7));
    assertThatThrownBy(() -> Workloads.synthetic(List.of(100), List.of(1), t -> 3, 64))
        .hasMessageContaining("100 tokens is outside 3..64");
  }
}
