package org.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mtl4j.metrics.classification.MultiLabelScores;

class MultiLabelScoresTest {

  private static final double EPS = 1e-12;
  private static final List<Set<String>> GOLD = List.of(Set.of("a", "b"), Set.of("c"), Set.of());
  private static final List<Set<String>> PRED = List.of(Set.of("a"), Set.of("c", "b"), Set.of());

  @Test
  void scoresOnTheLabelsSeen() {
    MultiLabelScores s = MultiLabelScores.of(GOLD, PRED);
    assertThat(s.labels()).containsExactly("a", "b", "c");
    assertThat(s.table().micro().f1()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(s.table().macro().f1()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(s.subsetAccuracy()).isCloseTo(1.0 / 3, within(EPS));
    assertThat(s.hammingLoss()).isCloseTo(2.0 / 9, within(EPS));
    assertThat(Metrics.multiLabel("multilabel_hamming_loss").compute(GOLD, PRED))
        .isCloseTo(2.0 / 9, within(EPS));
  }

  @Test
  void aFixedLabelListCountsUnseenLabelsInTheMacroAverage() {
    MultiLabelScores s = MultiLabelScores.of(GOLD, PRED, List.of("a", "b", "c", "d"));
    assertThat(s.table().macro().f1()).isCloseTo(0.5, within(EPS));
    assertThat(s.table().micro().f1()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(s.hammingLoss()).isCloseTo(2.0 / 12, within(EPS));
  }

  @Test
  void classificationNamesReadMultiLabelDataAsScikitLearnDoes() {
    assertThat(Metrics.multiLabel("classification_accuracy").compute(GOLD, PRED))
        .isCloseTo(100.0 / 3, within(EPS));
    assertThat(Metrics.multiLabel("classification_accuracy").scale()).isEqualTo(Scale.PERCENT);
    assertThat(Metrics.multiLabel("classification_f1_score").compute(GOLD, PRED))
        .isCloseTo(2.0 / 3, within(EPS));
    assertThat(Metrics.multiLabel("classification_recall_score").compute(GOLD, PRED))
        .isCloseTo(2.0 / 3, within(EPS));
    assertThat(Metrics.lookup("classification_accuracy").input()).isEqualTo(MetricInput.LABELS);
    assertThatThrownBy(() -> Metrics.multiLabel("seqeval_f1_score"))
        .hasMessageContaining("TAG_SEQUENCES");
  }

  @Test
  void namesPerInputKindServeTaskFileValidation() {
    assertThat(Metrics.names(MetricInput.LABEL_SETS))
        .startsWith("classification_accuracy")
        .contains("classification_recall_score", "multilabel_micro_f1", "multilabel_hamming_loss")
        .doesNotContain("seqeval_f1_score");
    assertThat(Metrics.names(MetricInput.TAG_SEQUENCES))
        .containsExactly(
            "seqeval_f1_score",
            "seqeval_precision",
            "seqeval_recall",
            "snips_f1_score",
            "snips_precision",
            "snips_recall",
            "seqeval_strict_iob2_f1",
            "seqeval_strict_iobes_f1");
    assertThat(Metrics.names(MetricInput.LABELS))
        .containsExactly(
            "classification_accuracy",
            "classification_f1_score",
            "classification_recall",
            "classification_macro_f1",
            "classification_weighted_f1",
            "classification_recall_score");
  }

  @Test
  void unknownLabelsEmptyInputAndLengthMismatch() {
    assertThatThrownBy(() -> MultiLabelScores.of(GOLD, PRED, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("example 1: gold label 'c'");
    MultiLabelScores empty = MultiLabelScores.of(List.of(), List.of());
    assertThat(empty.subsetAccuracy()).isZero();
    assertThat(empty.hammingLoss()).isZero();
    assertThat(empty.table().macro().f1()).isZero();
    assertThatThrownBy(() -> MultiLabelScores.of(GOLD, PRED.subList(0, 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
