package org.mtl4j.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

class DataReaderTest {

  private static final TaskSpec INTENT =
      spec(TaskType.SINGLE_SENTENCE_CLASSIFICATION, List.of("PlayMusic", "GetWeather"));
  private static final TaskSpec PAIR =
      spec(TaskType.SENTENCE_PAIR_CLASSIFICATION, List.of("0", "1"));
  private static final TaskSpec SLOTS = spec(TaskType.NER, List.of("O", "B-artist", "I-artist"));
  private static final TaskSpec TOPICS =
      spec(TaskType.MULTI_LABEL_CLASSIFICATION, List.of("music", "weather", "books"));

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void readsEveryTsvFormatWithoutDroppingRows() throws IOException {
    List<Example> intents =
        new DataReader(INTENT)
            .read(file("i.tsv", "u1\tPlayMusic\tplay some jazz\n\nu2\tGetWeather\train?\r\n"));
    assertThat(intents)
        .containsExactly(
            new SentenceExample("u1", 1, "play some jazz", 0),
            new SentenceExample("u2", 3, "rain?", 1));

    assertThat(new DataReader(PAIR).read(file("p.tsv", "7\t1\tis it\tit is\n")))
        .containsExactly(new PairExample("7", 1, "is it", "it is", 1));

    assertThat(
            new DataReader(SLOTS)
                .read(
                    file(
                        "n.tsv", "1\t['O', 'B-artist', \"I-artist\"]\t['play', 'daft', 'punk']\n")))
        .containsExactly(
            new TaggedExample("1", 1, List.of("play", "daft", "punk"), List.of(0, 1, 2)));

    assertThat(
            new DataReader(TOPICS)
                .read(file("m.tsv", "1\tweather,music\tx\n2\t['books']\ty\n3\t\tz\n")))
        .containsExactly(
            new MultiLabelExample("1", 1, "x", List.of(0, 1)),
            new MultiLabelExample("2", 2, "y", List.of(2)),
            new MultiLabelExample("3", 3, "z", List.of()));
  }

  @Test
  void readsJsonl() throws IOException {
    assertThat(
            new DataReader(INTENT)
                .read(
                    file(
                        "i.jsonl",
                        "{\"uid\": \"a\", \"label\": \"GetWeather\", \"text\": \"rain\"}\n"
                            + "{\"label\": \"PlayMusic\", \"text\": \"jazz\"}\n")))
        .containsExactly(
            new SentenceExample("a", 1, "rain", 1), new SentenceExample("2", 2, "jazz", 0));
    assertThat(
            new DataReader(PAIR)
                .read(file("p.jsonl", "{\"label\": 1, \"text_a\": \"a\", \"text_b\": \"b\"}\n")))
        .containsExactly(new PairExample("1", 1, "a", "b", 1));
    assertThat(
            new DataReader(SLOTS)
                .read(
                    file(
                        "n.jsonl", "{\"uid\": 5, \"tags\": [\"B-artist\"], \"words\": [\"x\"]}\n")))
        .containsExactly(new TaggedExample("5", 1, List.of("x"), List.of(1)));
    assertThat(
            new DataReader(TOPICS)
                .read(file("m.jsonl", "{\"labels\": [\"books\", \"music\"], \"text\": \"x\"}\n")))
        .containsExactly(new MultiLabelExample("1", 1, "x", List.of(0, 2)));
  }

  @Test
  void malformedRowsNameFileAndLine() throws IOException {
    assertError(
        INTENT,
        "i.tsv",
        "1\tPlayMusic\tok\n2\tPlayMusic\n",
        ":2: expected 3 tab-separated columns (uid<TAB>label<TAB>sentence)");
    assertError(INTENT, "i.tsv", "1\tPlayMusic\t \n", ":1: empty sentence");
    assertError(
        PAIR,
        "p.tsv",
        "1\t0\tonly one side\n",
        ":1: expected 4 tab-separated columns (uid<TAB>label<TAB>sentenceA<TAB>sentenceB)");
    assertError(
        SLOTS,
        "n.tsv",
        "1\t[O-x]\t['x']\n",
        ":1: tags column: bad list literal at character 2: expected a quoted string or a number");
    assertError(SLOTS, "n.tsv", "1\t[]\t[]\n", ":1: no words");
    assertError(TOPICS, "m.tsv", "1\tmusic,music\tx\n", ":1: a label is listed twice");
    assertError(TOPICS, "m.tsv", "1\tmusic,,books\tx\n", ":1: empty label in 'music,,books'");
    assertError(
        INTENT,
        "i.jsonl",
        "{\"label\": \"PlayMusic\", \"txt\": \"x\"}\n",
        ":1: unknown key 'txt' for a SingleSenClassification row; keys are [label, text, uid]");
    assertError(INTENT, "i.jsonl", "{\"label\": \"PlayMusic\"\n", ":1: not valid JSON");
    assertError(INTENT, "i.jsonl", "[1]\n", ":1: expected a JSON object");
    assertError(INTENT, "i.jsonl", "{\"label\": \"PlayMusic\"}\n", ":1: missing key 'text'");
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    Path f = dir.resolve("i.tsv");
    Files.write(f, new byte[] {'1', '\t', 'P', '\t', 'x', '\n', '2', '\t', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> new DataReader(INTENT).read(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  private void assertError(TaskSpec spec, String name, String content, String expected)
      throws IOException {
    Path f = file(name, content);
    assertThatThrownBy(() -> new DataReader(spec).read(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(f + expected);
  }

  static TaskSpec spec(TaskType type, List<String> labels) {
    return new TaskSpec("t", type, labels, "CrossEntropyLoss", 1.0, List.of(), 0.1);
  }
}
