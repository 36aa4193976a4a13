package org.mtl4j.metrics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.metrics.MetricInput;

class LabelFilesTest {

  @TempDir Path dir;

  @Test
  void parsesPythonListLiterals() {
    assertThat(PythonListLiteral.parse("['B-x', 'O']")).containsExactly("B-x", "O");
    assertThat(
            PythonListLiteral.parse(
                " [ \"it's\" , 'a\\'b', 'back\\\\slash', '\\x41\\u00e9\\U0001F600', ] "))
        .containsExactly("it's", "a'b", "back\\slash", "A\u00e9\uD83D\uDE00");
    assertThat(PythonListLiteral.parse("['keep\\d']")).containsExactly("keep\\d");
    assertThat(PythonListLiteral.parse("[]")).isEmpty();
    assertThat(PythonListLiteral.parse("[0, 12, -1.5e3]")).containsExactly("0", "12", "-1.5e3");
  }

  @Test
  void formatRoundTrips() {
    List<String> items =
        List.of("plain", "it's", "say \"hi\"", "back\\slash", "tab\tin", "\u00e9", "bell\u0007");
    String literal = PythonListLiteral.format(items);
    assertThat(literal).doesNotContain("\t").contains("\\x07");
    assertThat(PythonListLiteral.parse(literal)).isEqualTo(items);
  }

  @Test
  void rejectsMalformedListsSayingWhere() {
    assertThatThrownBy(() -> PythonListLiteral.parse("['a' 'b']"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad list literal at character 6: expected ',' or ']'");
    assertThatThrownBy(() -> PythonListLiteral.parse("['a'"))
        .hasMessageContaining("unexpected end of list");
    assertThatThrownBy(() -> PythonListLiteral.parse("'a'")).hasMessageContaining("expected '['");
    assertThatThrownBy(() -> PythonListLiteral.parse("['a] "))
        .hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> PythonListLiteral.parse("[a, b]"))
        .hasMessageContaining("expected a quoted string or a number");
    assertThatThrownBy(() -> PythonListLiteral.parse("['a'] x"))
        .hasMessageContaining("unexpected text after ']'");
    assertThatThrownBy(() -> PythonListLiteral.parse("['\\xZZ']"))
        .hasMessageContaining("bad hexadecimal escape");
  }

  @Test
  void readsRowsInOrderAndRejectsRepeatedUidsAndMissingColumns() throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.tsv"), "u1\ta\tsentence\n\nu2\tb\n");
    LabelFile file = LabelFile.read(ok);
    assertThat(file.rows().keySet()).containsExactly("u1", "u2");
    assertThat(file.rows().get("u2")).isEqualTo(new LabelFile.Row("u2", 3, "b"));

    Path twice = Files.writeString(dir.resolve("twice.tsv"), "u1\ta\nu1\tb\n");
    assertThatThrownBy(() -> LabelFile.read(twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice.tsv:2: uid 'u1' already appeared on line 1");
    Path noTab = Files.writeString(dir.resolve("notab.tsv"), "u1 a\n");
    assertThatThrownBy(() -> LabelFile.read(noTab)).hasMessageContaining("notab.tsv:1");
  }

  @Test
  void scoresMultiLabelFilesAsLabelSets() throws IOException {
    Path gold = Files.writeString(dir.resolve("gold.tsv"), "e1\t['a', 'b']\te2 text\ne2\t['c']\n");
    Path pred = Files.writeString(dir.resolve("pred.tsv"), "e2\t['c']\ne1\t['b', 'a']\n");
    FileScorer scorer =
        FileScorer.open(List.of("multilabel_subset_accuracy", "multilabel_micro_f1"), gold, pred);
    assertThat(scorer.input()).isEqualTo(MetricInput.LABEL_SETS);
    assertThat(scorer.scores())
        .containsEntry("multilabel_subset_accuracy", 1.0)
        .containsEntry("multilabel_micro_f1", 1.0);
  }
}
