package org.mtl4j.train.data.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.train.data.DataFormatException;

class CorpusFormatsTest {

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("f.txt"), content);
  }

  @Test
  void readsSnipsBlocks() throws IOException {
    Path f =
        file(
            "listen O\nto O\nwestbam B-artist\nPlayMusic\n\n\n"
                + "rain O\ntomorrow B-timeRange\nGetWeather\n");
    assertThat(SnipsFormat.read(f))
        .containsExactly(
            new Utterance(
                List.of("listen", "to", "westbam"), List.of("O", "O", "B-artist"), "PlayMusic"),
            new Utterance(List.of("rain", "tomorrow"), List.of("O", "B-timeRange"), "GetWeather"));
  }

  @Test
  void snipsErrorsNameFileAndLine() throws IOException {
    Path missingIntent = file("play O\njazz B-genre\nPlayMusic\n\nrain O\nsoon B-time\n");
    assertThatThrownBy(() -> SnipsFormat.read(missingIntent))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            missingIntent
                + ":6: a block must end with its intent alone on a line, got"
                + " 'soon B-time'");
    Path badLine = file("play O\nsome jazz B-genre\nPlayMusic\n");
    assertThatThrownBy(() -> SnipsFormat.read(badLine))
        .hasMessage(badLine + ":2: expected 'word TAG', got 'some jazz B-genre'");
    Path noWords = file("play O\nPlayMusic\n\nGetWeather\n");
    assertThatThrownBy(() -> SnipsFormat.read(noWords))
        .hasMessage(noWords + ":4: intent 'GetWeather' has no words");
    Path empty = file("\n\n");
    assertThatThrownBy(() -> SnipsFormat.read(empty))
        .hasMessage(empty + ":1: empty file: no sentences");
  }

  @Test
  void readsConllSkippingDocumentStarts() throws IOException {
    Path f =
        file(
            "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n\n"
                + "Peter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n");
    assertThat(ConllFormat.read(f))
        .containsExactly(
            new Utterance(List.of("EU", "rejects"), List.of("I-ORG", "O"), null),
            new Utterance(List.of("Peter", "Blackburn"), List.of("I-PER", "I-PER"), null));
    Path bad = file("EU NNP B-NP I-ORG\nrejects\n");
    assertThatThrownBy(() -> ConllFormat.read(bad))
        .hasMessage(bad + ":2: expected 'word ... TAG' columns, got 'rejects'");
  }

  @Test
  void fragmentsAreDeterministicShorterAndNeverAWholeUtterance() {
    List<Utterance> us =
        List.of(
            utterance("play some jazz now"),
            utterance("play some"),
            utterance("rain"),
            utterance("what is the weather in paris tomorrow"));
    Fragments fragments = new Fragments(1.0, 7);
    List<List<String>> drawn = fragments.of(us, 0);
    assertThat(drawn).isEqualTo(new Fragments(1.0, 7).of(us, 0));
    assertThat(drawn.get(2)).isEmpty();
    for (int i = 0; i < us.size(); i++) {
      List<String> f = drawn.get(i);
      if (!f.isEmpty()) {
        assertThat(f.size()).isLessThan(us.get(i).words().size());
        assertThat(String.join(" ", f)).isNotIn("play some jazz now", "play some", "rain");
        assertThat(us.get(i).text()).contains(String.join(" ", f));
      }
    }
    assertThat(drawn.get(3)).isNotEmpty();
    assertThatThrownBy(() -> new Fragments(0, 1)).hasMessageContaining("(0, 1]");
  }

  private static Utterance utterance(String text) {
    List<String> words = List.of(text.split(" "));
    return new Utterance(words, words.stream().map(w -> "O").toList(), "X");
  }
}
