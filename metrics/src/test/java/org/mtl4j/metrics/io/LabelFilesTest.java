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
    assertThat(PythonListLiteral.parse(" [ \"it's\" , 'a\\'b', 'back\\\\slash', ] ")).containsExactly("it's", "a'b", "back\\slash");
    assertThat(PythonListLiteral.parse("[]")).isEmpty();
    assertThat(PythonListLiteral.parse("[0, 12]")).containsExactly("0", "12");
  }

  @Test
  void rejectsMalformedListsSayingWhere() {
    assertThatThrownBy(() -> PythonListLiteral.parse("['a' 'b']"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ',' or ']' at character 6");
    assertThatThrownBy(() -> PythonListLiteral.parse("['a'")).hasMessageContaining("more of the list");
    assertThatThrownBy(() -> PythonListLiteral.parse("'a'")).hasMessageContaining("expected '['");
    assertThatThrownBy(() -> PythonListLiteral.parse("['a] ")).hasMessageContaining("closing '");
    assertThatThrownBy(() -> PythonListLiteral.parse("['a'] x")).hasMessageContaining("the end of the list");
  }

  @Test
  void readsRowsInOrderAndRejectsRepeatedUidsAndMissingColumns() throws IOException {
    Path ok = Files.writeString(dir.resolve("ok.tsv"), "u1\ta\tsentence\n\nu2\tb\n");
    LabelFile file = LabelFile.read(ok);
    assertThat(file.rows().keySet()).containsExactly("u1", "u2");
    assertThat(file.rows().get("u2")).isEqualTo(new LabelFile.Row("u2", 3, "b"));

    Path twice = Files.writeString(dir.resolve("twice.tsv"), "u1\ta\nu1\tb\n");
    assertThatThrownBy(() -> LabelFile.read(twice))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice.tsv:2: uid 'u1' already appeared on line 1");
    Path noTab = Files.writeString(dir.resolve("notab.tsv"), "u1 a\n");
    assertThatThrownBy(() -> LabelFile.read(noTab)).hasMessageContaining("notab.tsv:1");
  }

  @Test
  void scoresMultiLabelFilesAsLabelSets() throws IOException {
    Path gold = Files.writeString(dir.resolve("gold.tsv"), "e1\t['a', 'b']\te2 text\ne2\t['c']\n");
    Path pred = Files.writeString(dir.resolve("pred.tsv"), "e2\t['c']\ne1\t['b', 'a']\n");
    FileScorer scorer = FileScorer.open(List.of("multilabel_subset_accuracy", "multilabel_micro_f1"), gold, pred);
    assertThat(scorer.input()).isEqualTo(MetricInput.LABEL_SETS);
    assertThat(scorer.scores()).containsEntry("multilabel_subset_accuracy", 1.0).containsEntry("multilabel_micro_f1", 1.0);
  }
}
