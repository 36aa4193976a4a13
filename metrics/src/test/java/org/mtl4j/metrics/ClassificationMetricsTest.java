package org.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.metrics.classification.ClassificationReport;
import org.mtl4j.metrics.classification.ConfusionMatrix;

class ClassificationMetricsTest {

  private static final double EPS = 1e-12;
  // a: 1 of 2 right; b: both right, one extra prediction; c: never predicted.
  private static final List<String> GOLD = List.of("a", "a", "b", "b", "c");
  private static final List<String> PRED = List.of("a", "b", "b", "b", "a");

  @Test
  void accuracyIsAPercentageAndMicroF1AndRecallAreTheSameFraction() {
    assertThat(Metrics.classification("classification_accuracy").compute(GOLD, PRED))
        .isCloseTo(60.0, within(EPS));
    assertThat(Metrics.classification("classification_f1_score").compute(GOLD, PRED))
        .isCloseTo(0.6, within(EPS));
    assertThat(Metrics.classification("classification_recall").compute(GOLD, PRED))
        .isCloseTo(0.6, within(EPS));
    assertThat(Metrics.CLASSIFICATION_ACCURACY.scale()).isEqualTo(Scale.PERCENT);
    assertThat(Metrics.CLASSIFICATION_F1_SCORE.scale()).isEqualTo(Scale.FRACTION);
  }

  @Test
  void theDocumentedRecallNameIsAnAlias() {
    assertThat(Metrics.classification("classification_recall_score"))
        .isSameAs(Metrics.CLASSIFICATION_RECALL);
  }

  @Test
  void aClassNeverPredictedScoresZeroWithoutAnException() {
    ClassificationReport report = ClassificationReport.of(GOLD, PRED);
    assertThat(report.table().labels())
        .extracting(LabelScores::label)
        .containsExactly("a", "b", "c");
    PrecisionRecallF1 c = report.table().labels().get(2).scores();
    assertThat(c).isEqualTo(new PrecisionRecallF1(0, 0, 0, 1));
    PrecisionRecallF1 b = report.table().labels().get(1).scores();
    assertThat(b.precision()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(b.recall()).isEqualTo(1.0);
    assertThat(b.f1()).isCloseTo(0.8, within(EPS));
  }

  @Test
  void macroAndWeightedF1AverageThePerClassScores() {
    assertThat(Metrics.classification("classification_macro_f1").compute(GOLD, PRED))
        .isCloseTo((0.5 + 0.8 + 0.0) / 3, within(EPS));
    assertThat(Metrics.classification("classification_weighted_f1").compute(GOLD, PRED))
        .isCloseTo((0.5 * 2 + 0.8 * 2 + 0.0 * 1) / 5, within(EPS));
  }

  @Test
  void confusionMatrixRowsAreGoldAndColumnsPredictions() {
    ConfusionMatrix m = ConfusionMatrix.of(GOLD, PRED);
    assertThat(m.labels()).containsExactly("a", "b", "c");
    assertThat(m.toArray()).isEqualTo(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 0}});
    assertThat(m.correct()).isEqualTo(3);
    assertThat(m.total()).isEqualTo(5);
    assertThat(m.toText()).contains("gold\\pred").contains("a");
  }

  @Test
  void labelsPresentOnlyInPredictionsGetARowToo() {
    ClassificationReport report = ClassificationReport.of(List.of("x", "x"), List.of("x", "y"));
    assertThat(report.table().labels()).extracting(LabelScores::label).containsExactly("x", "y");
    assertThat(report.table().labels().get(1).scores())
        .isEqualTo(new PrecisionRecallF1(0, 0, 0, 0));
    assertThat(report.table().macro().f1()).isCloseTo((2.0 / 3) / 2, within(EPS));
  }

  @Test
  void emptyInputScoresZero() {
    for (String name :
        List.of(
            "classification_accuracy",
            "classification_f1_score",
            "classification_recall",
            "classification_macro_f1",
            "classification_weighted_f1")) {
      assertThat(Metrics.classification(name).compute(List.of(), List.of())).as(name).isZero();
    }
  }

  @Test
  void listsOfDifferentLengthsAreAClearError() {
    assertThatThrownBy(
            () -> Metrics.CLASSIFICATION_ACCURACY.compute(List.of("a", "b"), List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gold has 2 examples but predictions have 1");
  }

  @Test
  void unknownNamesAndWrongKindsAreRejectedByName() {
    assertThatThrownBy(() -> Metrics.lookup("classification_precision"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown metric 'classification_precision'")
        .hasMessageContaining("seqeval_f1_score");
    assertThatThrownBy(() -> Metrics.classification("seqeval_f1_score"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TAG_SEQUENCES");
  }

  @Test
  void theCatalogueHoldsTheNineOriginalNamesAndTheAlias() {
    assertThat(Metrics.all().keySet())
        .contains(
            "classification_accuracy",
            "classification_f1_score",
            "classification_recall",
            "classification_recall_score",
            "seqeval_f1_score",
            "seqeval_precision",
            "seqeval_recall",
            "snips_f1_score",
            "snips_precision",
            "snips_recall");
  }

  @Test
  void reportsSerializeToJsonWithJackson() throws Exception {
    JsonNode json =
        new ObjectMapper()
            .readTree(new ObjectMapper().writeValueAsString(ClassificationReport.of(GOLD, PRED)));
    assertThat(json.path("accuracy").asDouble()).isCloseTo(0.6, within(EPS));
    assertThat(json.path("table").path("labels").path(1).path("label").asText()).isEqualTo("b");
    assertThat(json.path("table").path("macro").path("f1").asDouble())
        .isCloseTo((0.5 + 0.8) / 3, within(EPS));
    assertThat(json.path("confusion").path("labels").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(json.path("confusion").path("counts").toString())
        .isEqualTo("[[1,1,0],[0,2,0],[1,0,0]]");
  }

  @Test
  void reportTextListsClassesAveragesAndTheMatrix() {
    String text = ClassificationReport.of(GOLD, PRED).toText();
    assertThat(text)
        .contains("precision")
        .contains("weighted avg")
        .contains("accuracy 0.6000 (3 of 5)")
        .contains("gold\\pred");
  }
}
