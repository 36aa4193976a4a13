package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

  @TempDir Path dir;

  private Path file(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private Path classificationGold() throws IOException {
    return file(
        "gold.tsv",
        "u1\ta\tfirst sentence",
        "u2\ta\tsecond",
        "u3\tb\tthird",
        "u4\tb\tfourth",
        "u5\tc\tfifth");
  }

  @Test
  void scoresClassificationMatchingRowsByUid() throws IOException {
    Path pred = file("pred.tsv", "u5\ta", "u4\tb", "u3\tb", "u2\tb", "u1\ta");
    CliRun run =
        CliRun.of(
            "score",
            "--metrics",
            "classification_accuracy,classification_f1_score,classification_recall_score",
            "--gold",
            classificationGold().toString(),
            "--pred",
            pred.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("classification_accuracy").asDouble()).isCloseTo(60.0, within(1e-12));
    assertThat(json.path("classification_f1_score").asDouble()).isCloseTo(0.6, within(1e-12));
    assertThat(json.path("classification_recall").asDouble()).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void humanOutputNamesEachMetricWithItsScaleAndCanAddTheReport() throws IOException {
    Path pred = file("pred.tsv", "u1\ta", "u2\tb", "u3\tb", "u4\tb", "u5\ta");
    CliRun run =
        CliRun.of(
            "score",
            "--metrics",
            "classification_accuracy,classification_macro_f1",
            "--gold",
            classificationGold().toString(),
            "--pred",
            pred.toString(),
            "--report");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("classification_accuracy")
        .contains("60.0000")
        .contains("(percent)")
        .contains("classification_macro_f1")
        .contains("0.4333")
        .contains("(fraction)")
        .contains("weighted avg")
        .contains("gold\\pred");
  }

  @Test
  void scoresTaggingFilesWithPythonListLiterals() throws IOException {
    Path gold =
        file(
            "gold.tsv",
            "s1\t['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O']\t['a', 'b', 'c', 'd', 'e', 'f', 'g']",
            "s2\t[\"B-PER\", \"I-PER\", \"O\"]\t['John', 'Smith', \"'s\"]");
    Path pred =
        file(
            "pred.tsv",
            "s2\t['B-PER', 'I-PER', 'O']",
            "s1\t['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'I-MISC', 'O',]\t[]");
    CliRun run =
        CliRun.of(
            "score",
            "--metrics",
            "seqeval_f1_score,snips_f1_score,snips_precision",
            "--gold",
            gold.toString(),
            "--pred",
            pred.toString(),
            "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.path("seqeval_f1_score").asDouble()).isCloseTo(0.5, within(1e-12));
    assertThat(json.path("snips_f1_score").asDouble()).isCloseTo(50.0, within(1e-12));
    assertThat(json.path("snips_precision").asDouble()).isCloseTo(50.0, within(1e-12));
    assertThat(json.size()).isEqualTo(3);
  }

  @Test
  void theEntityReportCanUseStrictChunking() throws IOException {
    Path gold = file("gold.tsv", "s1\t['I-PER', 'I-PER', 'O', 'B-LOC']\t['a', 'b', 'c', 'd']");
    Path pred = file("pred.tsv", "s1\t['B-PER', 'I-PER', 'O', 'B-LOC']");
    CliRun lenient =
        CliRun.of(
            "score",
            "--metrics",
            "seqeval_f1_score",
            "--gold",
            gold.toString(),
            "--pred",
            pred.toString(),
            "--report");
    assertThat(lenient.exitCode()).as(lenient.err()).isZero();
    assertThat(lenient.out())
        .contains("LENIENT chunking")
        .containsPattern("micro avg +1\\.0000 +1\\.0000 +1\\.0000 +2");
    CliRun strict =
        CliRun.of(
            "score",
            "--metrics",
            "seqeval_f1_score",
            "--gold",
            gold.toString(),
            "--pred",
            pred.toString(),
            "--report",
            "--chunking",
            "STRICT_IOB2");
    assertThat(strict.exitCode()).as(strict.err()).isZero();
    assertThat(strict.out())
        .contains("STRICT_IOB2 chunking")
        .containsPattern("micro avg +0\\.5000 +1\\.0000 +0\\.6667 +1");
  }

  @Test
  void aUidInOneFileOnlyIsBadInputNamingTheUid() throws IOException {
    Path pred = file("pred.tsv", "u1\ta", "u2\tb", "u3\tb", "u4\tb");
    CliRun missing =
        CliRun.of(
            "score",
            "--metrics",
            "classification_accuracy",
            "--gold",
            classificationGold().toString(),
            "--pred",
            pred.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("uid 'u5'").contains("missing from the predictions");

    Path extra = file("extra.tsv", "u1\ta", "u2\tb", "u3\tb", "u4\tb", "u5\tc", "u6\tc");
    CliRun run =
        CliRun.of(
            "score",
            "--metrics",
            "classification_accuracy",
            "--gold",
            classificationGold().toString(),
            "--pred",
            extra.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("uid 'u6'").contains("missing from the gold file");
  }

  @Test
  void tagSequencesOfDifferentLengthsAreBadInputNamingTheUid() throws IOException {
    Path gold = file("gold.tsv", "s1\t['O', 'B-PER']\t['a', 'b']", "s2\t['O']\t['c']");
    Path pred = file("pred.tsv", "s1\t['O', 'B-PER']", "s2\t['O', 'O']");
    CliRun run =
        CliRun.of(
            "score",
            "--metrics",
            "seqeval_f1_score",
            "--gold",
            gold.toString(),
            "--pred",
            pred.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("uid 's2'")
        .contains("gold has 1 tags")
        .contains("prediction has 2");
  }

  @Test
  void unknownMetricsMixedKindsAndBadListsAreBadInput() throws IOException {
    Path gold = classificationGold();
    CliRun unknown =
        CliRun.of(
            "score",
            "--metrics",
            "classification_precision",
            "--gold",
            gold.toString(),
            "--pred",
            gold.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown metric 'classification_precision'");

    CliRun mixed =
        CliRun.of(
            "score",
            "--metrics",
            "classification_accuracy,seqeval_f1_score",
            "--gold",
            gold.toString(),
            "--pred",
            gold.toString());
    assertThat(mixed.exitCode()).isEqualTo(2);
    assertThat(mixed.err()).contains("different file formats");

    Path tags = file("tags.tsv", "s1\t['O', 'B-PER'\t['a']");
    CliRun bad =
        CliRun.of(
            "score",
            "--metrics",
            "seqeval_f1_score",
            "--gold",
            tags.toString(),
            "--pred",
            tags.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("uid 's1'").contains("bad list literal");
  }

  @Test
  void aMissingFileIsBadInput() {
    CliRun run =
        CliRun.of(
            "score",
            "--metrics",
            "classification_accuracy",
            "--gold",
            dir.resolve("nope.tsv").toString(),
            "--pred",
            dir.resolve("nope.tsv").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.tsv");
  }
}
