package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.data.DataReader;
import org.mtl4j.train.data.Example;
import org.mtl4j.train.data.TaggedExample;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskFile;

class TransformCommandTest {

  @TempDir Path dir;

  private Path snips() throws IOException {
    Path in = Files.createDirectories(dir.resolve("snips"));
    Files.writeString(
        in.resolve("train.txt"),
        "listen O\nto O\nwestbam B-artist\nPlayMusic\n\n"
            + "will O\nit O\nrain O\nin O\nnew B-city\nyork I-city\nGetWeather\n\n"
            + "book O\na O\ntable O\nBookRestaurant\n");
    Files.writeString(in.resolve("dev.txt"), "play O\nit's O\nPlayMusic\n");
    Files.writeString(in.resolve("test.txt"), "rain O\ntoday B-timeRange\nGetWeather\n");
    return in;
  }

  @Test
  void snipsBecomesThreeTasksThatReadBack() throws IOException {
    Path outDir = dir.resolve("out");
    CliRun run = CliRun.of("transform", "snips", snips().toString(), outDir.toString(), "--json");
    assertThat(run.exitCode()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.get("taskFile").asText()).isEqualTo(outDir.resolve("tasks.yml").toString());
    assertThat(summary.at("/tasks/intent/train").asInt()).isEqualTo(3);
    assertThat(summary.at("/tasks/ner/dev").asInt()).isEqualTo(1);
    assertThat(run.err()).contains("transform: reading ").contains("train: 3 utterances");

    TaskFile tasks = TaskFile.read(outDir.resolve("tasks.yml"));
    assertThat(tasks.names()).containsExactly("intent", "ner", "fragdetect");
    assertThat(tasks.task("intent").spec().labels())
        .containsExactly("BookRestaurant", "GetWeather", "PlayMusic");
    assertThat(tasks.task("ner").spec().labels())
        .containsExactly("O", "B-artist", "B-city", "I-city", "B-timeRange");
    assertThat(tasks.task("ner").spec().metrics())
        .containsExactly("snips_f1_score", "snips_precision", "snips_recall");
    List<Example> ner = DataReader.read(tasks.task("ner"), Split.TRAIN);
    assertThat(((TaggedExample) ner.get(1)).words())
        .containsExactly("will", "it", "rain", "in", "new", "york");
    assertThat(((TaggedExample) DataReader.read(tasks.task("ner"), Split.DEV).get(0)).words())
        .containsExactly("play", "it's");
    assertThat(DataReader.read(tasks.task("fragdetect"), Split.TRAIN).size())
        .isEqualTo(summary.at("/tasks/fragdetect/train").asInt())
        .isBetween(3, 6);
  }

  @Test
  void conllBecomesOneNerTask() throws IOException {
    Path in = Files.createDirectories(dir.resolve("conll"));
    String doc = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n\n";
    Files.writeString(in.resolve("eng.train"), doc + "Peter NNP B-NP I-PER\n");
    Files.writeString(in.resolve("eng.testa"), doc);
    Files.writeString(in.resolve("eng.testb"), doc);
    Path outDir = dir.resolve("out");
    CliRun run = CliRun.of("transform", "conll", in.toString(), outDir.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("ner          train       2  dev      1  test      1");
    TaskFile tasks = TaskFile.read(outDir.resolve("tasks.yml"));
    assertThat(tasks.task("ner").spec().labels()).containsExactly("O", "I-ORG", "I-PER");
    assertThat(tasks.task("ner").spec().metrics())
        .containsExactly("seqeval_f1_score", "seqeval_precision", "seqeval_recall");
  }

  @Test
  void badInputFailsWithFileAndLineAndLeavesExistingFilesIntact() throws IOException {
    Path in = snips();
    Files.writeString(in.resolve("test.txt"), "rain O\ntoday B-timeRange\n");
    Path outDir = Files.createDirectories(dir.resolve("out"));
    Files.writeString(outDir.resolve("tasks.yml"), "previous\n");
    CliRun run = CliRun.of("transform", "snips", in.toString(), outDir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("error: " + in.resolve("test.txt") + ":2: a block must end with its intent");
    try (var files = Files.list(outDir)) {
      assertThat(files).containsExactly(outDir.resolve("tasks.yml"));
    }
    assertThat(Files.readString(outDir.resolve("tasks.yml"))).isEqualTo("previous\n");
  }

  @Test
  void usageErrors() throws IOException {
    CliRun run = CliRun.of("transform", "xml", dir.toString(), dir.resolve("o").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown FORMAT 'xml'; use snips or conll");
    run = CliRun.of("transform", "snips", dir.resolve("nope").toString(), "o");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is not a folder");
    run = CliRun.of("transform", "conll", dir.toString(), dir.resolve("o").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no train file in " + dir);
  }
}
