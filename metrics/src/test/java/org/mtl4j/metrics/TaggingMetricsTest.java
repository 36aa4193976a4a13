package org.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.metrics.tagging.Chunk;
import org.mtl4j.metrics.tagging.Chunking;
import org.mtl4j.metrics.tagging.ConllevalScorer;
import org.mtl4j.metrics.tagging.EntityReport;
import org.mtl4j.metrics.tagging.LenientChunker;
import org.mtl4j.metrics.tagging.StrictChunker;
import org.mtl4j.metrics.tagging.TagScheme;
import org.mtl4j.metrics.tagging.WordLevelTags;

class TaggingMetricsTest {

  private static final double EPS = 1e-12;

  private static List<List<String>> tags(String... sentences) {
    return java.util.Arrays.stream(sentences)
        .map(s -> s.isEmpty() ? List.<String>of() : List.of(s.split(" ")))
        .toList();
  }

  @Test
  void seqevalsOwnExampleScoresOneHalfAndSnipsFiftyPercent() {
    List<List<String>> gold = tags("O O O B-MISC I-MISC I-MISC O", "B-PER I-PER O");
    List<List<String>> pred = tags("O O B-MISC I-MISC I-MISC I-MISC O", "B-PER I-PER O");
    assertThat(Metrics.tagging("seqeval_f1_score").compute(gold, pred)).isCloseTo(0.5, within(EPS));
    assertThat(Metrics.tagging("seqeval_precision").compute(gold, pred))
        .isCloseTo(0.5, within(EPS));
    assertThat(Metrics.tagging("seqeval_recall").compute(gold, pred)).isCloseTo(0.5, within(EPS));
    assertThat(Metrics.tagging("snips_f1_score").compute(gold, pred)).isCloseTo(50.0, within(EPS));
    assertThat(Metrics.SNIPS_F1_SCORE.scale()).isEqualTo(Scale.PERCENT);
    assertThat(Metrics.SEQEVAL_F1_SCORE.scale()).isEqualTo(Scale.FRACTION);
  }

  @Test
  void touchingEntitiesAreTwoEntities() {
    List<List<String>> gold = tags("B-PER B-PER O");
    assertThat(LenientChunker.entities(gold))
        .containsExactly(new Chunk("PER", 0, 0, 1), new Chunk("PER", 0, 1, 2));
    assertThat(Metrics.SEQEVAL_F1_SCORE.compute(gold, gold)).isEqualTo(1.0);
    List<List<String>> merged = tags("B-PER I-PER O");
    assertThat(Metrics.SEQEVAL_F1_SCORE.compute(gold, merged)).isZero();
    assertThat(Metrics.SNIPS_F1_SCORE.compute(gold, merged)).isZero();
  }

  @Test
  void anITagWithoutBStartsAnEntityLenientlyButNotStrictly() {
    List<List<String>> gold = tags("I-PER I-PER O");
    List<List<String>> pred = tags("B-PER I-PER O");
    assertThat(Metrics.SEQEVAL_F1_SCORE.compute(gold, pred)).isEqualTo(1.0);
    assertThat(Metrics.SNIPS_F1_SCORE.compute(gold, pred)).isCloseTo(100.0, within(EPS));
    assertThat(StrictChunker.entities(gold, TagScheme.IOB2)).isEmpty();
    EntityReport strict = EntityReport.of(gold, pred, Chunking.STRICT_IOB2);
    assertThat(strict.table().micro()).isEqualTo(new PrecisionRecallF1(0, 0, 0, 0));
    assertThat(strict.table().labels()).extracting(LabelScores::label).containsExactly("PER");
  }

  @Test
  void singleTokenEntitiesCount() {
    List<List<String>> gold = tags("O B-LOC O S-ORG");
    assertThat(LenientChunker.entities(gold))
        .containsExactly(new Chunk("LOC", 0, 1, 2), new Chunk("ORG", 0, 3, 4));
    assertThat(Metrics.SEQEVAL_F1_SCORE.compute(gold, gold)).isEqualTo(1.0);
    assertThat(Metrics.SEQEVAL_STRICT_IOBES_F1.compute(tags("S-LOC"), tags("S-LOC")))
        .isEqualTo(1.0);
  }

  @Test
  void strictIobesNeedsAClosingTag() {
    assertThat(StrictChunker.entities(tags("B-LOC I-LOC O"), TagScheme.IOBES)).isEmpty();
    assertThat(StrictChunker.entities(tags("B-LOC I-LOC E-LOC S-PER"), TagScheme.IOBES))
        .containsExactly(new Chunk("LOC", 0, 0, 3), new Chunk("PER", 0, 3, 4));
    assertThat(Metrics.SEQEVAL_STRICT_IOBES_F1.compute(tags("S-LOC"), tags("B-LOC"))).isZero();
    assertThat(Metrics.SEQEVAL_F1_SCORE.compute(tags("S-LOC"), tags("B-LOC"))).isEqualTo(1.0);
  }

  @Test
  void strictModeRejectsTagsOutsideTheScheme() {
    assertThatThrownBy(() -> StrictChunker.entities(tags("O", "B-PER E-PER"), TagScheme.IOB2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sentence 1, position 1")
        .hasMessageContaining("'E-PER'");
  }

  @Test
  void perTypeReportScoresEachType() {
    List<List<String>> gold = tags("B-PER I-PER O B-LOC", "B-ORG O");
    List<List<String>> pred = tags("B-PER I-PER O B-ORG", "B-ORG O");
    EntityReport report = EntityReport.of(gold, pred, Chunking.LENIENT);
    assertThat(report.table().labels())
        .extracting(LabelScores::label)
        .containsExactly("LOC", "ORG", "PER");
    assertThat(report.table().labels().get(0).scores())
        .isEqualTo(new PrecisionRecallF1(0, 0, 0, 1));
    assertThat(report.table().labels().get(1).scores().precision()).isEqualTo(0.5);
    assertThat(report.table().labels().get(1).scores().recall()).isEqualTo(1.0);
    assertThat(report.table().micro().f1())
        .isCloseTo(Metrics.SEQEVAL_F1_SCORE.compute(gold, pred), within(EPS));
    assertThat(report.table().toText(2)).contains("micro avg").contains("PER");
  }

  @Test
  void sequencesOfDifferentLengthsAreAClearError() {
    for (TaggingMetric metric : List.of(Metrics.SEQEVAL_F1_SCORE, Metrics.SNIPS_F1_SCORE)) {
      assertThatThrownBy(() -> metric.compute(tags("O", "O B-PER"), tags("O", "O")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sentence 1: gold has 2 tags but the prediction has 1");
    }
    assertThatThrownBy(() -> Metrics.SEQEVAL_F1_SCORE.compute(tags("O"), tags("O", "O")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gold has 1 examples but predictions have 2");
  }

  @Test
  void emptyInputScoresZero() {
    for (String name :
        List.of(
            "seqeval_f1_score",
            "seqeval_precision",
            "seqeval_recall",
            "snips_f1_score",
            "snips_precision",
            "snips_recall",
            "seqeval_strict_iob2_f1")) {
      assertThat(Metrics.tagging(name).compute(List.of(), List.of())).as(name).isZero();
      assertThat(Metrics.tagging(name).compute(tags(""), tags(""))).as(name).isZero();
    }
  }

  @Test
  void snipsRejectsTagsWithTwoHyphensAndCountsChunks() {
    assertThatThrownBy(() -> Metrics.SNIPS_F1_SCORE.compute(tags("B-a-b"), tags("O")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'B-a-b'");
    ConllevalScorer.Counts counts =
        ConllevalScorer.count(tags("B-PER I-PER O B-LOC"), tags("B-PER O O B-LOC"));
    assertThat(counts).isEqualTo(new ConllevalScorer.Counts(1, 2, 2));
    assertThat(counts.precisionPercent()).isEqualTo(50.0);
  }

  @Test
  void wordLevelDropsGoldClsSepAndContinuationPositions() {
    List<List<String>> gold = tags("[CLS] B-PER X O [SEP]");
    List<List<String>> pred = tags("O B-PER I-PER X O");
    WordLevelTags words = WordLevelTags.of(gold, pred);
    assertThat(words.gold()).containsExactly(List.of("B-PER", "O"));
    assertThat(words.pred()).containsExactly(List.of("B-PER", "X"));
    // the predicted X stays and forms an entity of type X, a false positive as in the original
    assertThat(Metrics.SEQEVAL_PRECISION.compute(words.gold(), words.pred())).isEqualTo(0.5);
    assertThat(Metrics.SEQEVAL_RECALL.compute(words.gold(), words.pred())).isEqualTo(1.0);
  }
}
