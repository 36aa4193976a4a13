package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

class TransformCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

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
    assertThat(run("transform", "snips", snips().toString(), outDir.toString(), "--json")).isZero();
    JsonNode summary = new ObjectMapper().readTree(out.toString());
    assertThat(summary.get("taskFile").asText()).isEqualTo(outDir.resolve("tasks.yml").toString());
    assertThat(summary.at("/tasks/intent/train").asInt()).isEqualTo(3);
    assertThat(summary.at("/tasks/ner/dev").asInt()).isEqualTo(1);
    assertThat(err.toString()).contains("transform: reading ").contains("train: 3 utterances");

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
    assertThat(run("transform", "conll", in.toString(), outDir.toString())).isZero();
    assertThat(out.toString()).contains("ner          train       2  dev      1  test      1");
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
    assertThat(run("transform", "snips", in.toString(), outDir.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("error: " + in.resolve("test.txt") + ":2: a block must end with its intent");
    try (var files = Files.list(outDir)) {
      assertThat(files).containsExactly(outDir.resolve("tasks.yml"));
    }
    assertThat(Files.readString(outDir.resolve("tasks.yml"))).isEqualTo("previous\n");
  }

  @Test
  void usageErrors() throws IOException {
    assertThat(run("transform", "xml", dir.toString(), dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown FORMAT 'xml'; use snips or conll");
    assertThat(run("transform", "snips", dir.resolve("nope").toString(), "o")).isEqualTo(2);
    assertThat(err.toString()).contains("is not a folder");
    assertThat(run("transform", "conll", dir.toString(), dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no train file in " + dir);
  }
}
