package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixturePackage;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;
import org.mtl4j.train.tasks.TaskDefinition;
import org.mtl4j.train.tasks.TaskFile;
import org.mtl4j.train.trainer.PackageEvaluation;
import org.mtl4j.train.trainer.TinyTasks;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * {@code mtl bench}'s default workload: the dev texts of the task file a package records, checked
 * against the same texts read from the data files here and given with {@code --texts}; the built-in
 * sentences with a note when the package records no task file or it cannot be read.
 */
class BenchDevTextsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path data;
  static Path taskFile;
  static TinyModel tiny;

  @BeforeAll
  static void writeData() {
    data = dir.resolve("data");
    taskFile = TinyTasks.write(data, 10, 12, 5);
    List<TaskSpec> specs =
        TaskFile.read(taskFile).tasks().stream().map(TaskDefinition::spec).toList();
    tiny = new TinyModel(3, specs, MiniLmModel.VOCAB, true);
  }

  private static Path packageRecording(String name, String recordedTaskFile) {
    Manifest plain = tiny.manifest(32);
    Map<String, String> provenance = new HashMap<>(plain.provenance());
    if (recordedTaskFile != null) {
      provenance.put(PackageEvaluation.TASK_FILE, recordedTaskFile);
    }
    Manifest manifest =
        new Manifest(
            plain.formatVersion(),
            plain.encoder(),
            plain.tokenizer(),
            plain.tasks(),
            provenance,
            plain.files());
    String tokenizer = FixturePackage.minilmTokenizer();
    return FixturePackage.write(
        dir.resolve(name), manifest, tokenizer, tiny.onnx(manifest, tokenizer));
  }

  private static JsonNode bench(String... args) throws IOException {
    String[] full = new String[args.length + 6];
    full[0] = "bench";
    System.arraycopy(args, 0, full, 1, args.length);
    System.arraycopy(
        new String[] {"--calls", "3", "--warmup", "1", "--json"}, 0, full, args.length + 1, 5);
    CliRun r = CliRun.of(full);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  /** Column {@code column} of every row of a TSV file, each distinct value once, in file order. */
  private static Set<String> column(String file, int... columns) throws IOException {
    Set<String> values = new LinkedHashSet<>();
    for (String line : Files.readAllLines(data.resolve(file))) {
      String[] cells = line.split("\t");
      values.add(
          columns.length == 1
              ? cells[columns[0]]
              : JSON.createObjectNode()
                  .put("text", cells[columns[0]])
                  .put("text_b", cells[columns[1]])
                  .toString());
    }
    return values;
  }

  @Test
  void aPackageRecordingItsTaskFileIsMeasuredOnItsDevTexts() throws IOException {
    Path pkg = packageRecording("recorded", taskFile.toString());
    Path intentDev = Files.write(dir.resolve("intent-dev.txt"), column("intent_dev.tsv", 2));

    JsonNode dev = bench(pkg.toString(), "--tasks", "intent");
    JsonNode given = bench(pkg.toString(), "--tasks", "intent", "--texts", intentDev.toString());

    String description = dev.at("/facts/workload").asText();
    assertThat(description)
        .startsWith("dev texts of " + taskFile)
        .contains("tasks intent: " + column("intent_dev.tsv", 2).size() + " texts");
    assertThat(dev.at("/facts/workloadDigest").asText())
        .isEqualTo(given.at("/facts/workloadDigest").asText());
    assertThat(dev.path("notes")).isEmpty();

    JsonNode all = bench(pkg.toString());
    assertThat(all.at("/facts/workload").asText()).contains("tasks intent, ner, tags: ");
    assertThat(all.at("/facts/tasks")).hasSize(3);
  }

  @Test
  void pairTasksAreMeasuredOnTheirDevPairs() throws IOException {
    Path pkg = packageRecording("pairs", taskFile.toString());
    Path pairDev = Files.write(dir.resolve("pair-dev.jsonl"), column("pair_dev.tsv", 2, 3));

    JsonNode dev = bench(pkg.toString(), "--tasks", "pair");
    JsonNode given = bench(pkg.toString(), "--tasks", "pair", "--texts", pairDev.toString());

    assertThat(dev.at("/facts/workload").asText()).startsWith("dev pairs of " + taskFile);
    assertThat(dev.at("/facts/workloadDigest").asText())
        .isEqualTo(given.at("/facts/workloadDigest").asText());
  }

  @Test
  void withoutAReadableTaskFileTheBuiltInSentencesAreMeasuredWithANote() throws IOException {
    JsonNode none = bench(packageRecording("none", null).toString());
    assertThat(none.at("/facts/workload").asText()).startsWith("built-in sentences");
    assertThat(none.path("notes").toString()).contains("records no task file");

    Path missing = dir.resolve("gone/tasks.yml");
    JsonNode unreadable = bench(packageRecording("missing", missing.toString()).toString());
    assertThat(unreadable.at("/facts/workload").asText()).startsWith("built-in sentences");
    assertThat(unreadable.path("notes").toString())
        .contains("cannot use the dev texts")
        .contains(missing.toString());
  }
}
