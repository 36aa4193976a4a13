package org.mtl4j.metrics.classification;

import java.util.List;
import java.util.Locale;
import org.mtl4j.metrics.ScoreTable;

/**
 * Everything scikit-learn reports about single-label predictions: accuracy, per-class
 * precision/recall/F1/support with micro, macro and weighted averages ({@code
 * precision_recall_fscore_support}, {@code classification_report}) and the confusion matrix. For
 * single-label data the micro precision, recall and F1 all equal the accuracy.
 *
 * @param accuracy fraction of correct predictions, 0 to 1 (0 for no examples)
 * @param table per-class scores and averages, classes sorted
 * @param confusion the confusion matrix over the same classes
 */
public record ClassificationReport(double accuracy, ScoreTable table, ConfusionMatrix confusion) {

  /**
   * Scores predictions against gold labels.
   *
   * @param gold gold labels, one per example
   * @param pred predicted labels, one per example
   * @return the report
   * @throws IllegalArgumentException when the lists differ in length
   */
  public static ClassificationReport of(List<String> gold, List<String> pred) {
    ConfusionMatrix confusion = ConfusionMatrix.of(gold, pred);
    return new ClassificationReport(
        confusion.accuracy(), ScoreTable.of(confusion.labelCounts()), confusion);
  }

  /**
   * Renders the report as text: the per-class table, accuracy, then the confusion matrix.
   *
   * @return the report
   */
  public String toText() {
    return table.toText(4)
        + String.format(
            Locale.ROOT,
            "\naccuracy %.4f (%d of %d)\n\n",
            accuracy,
            confusion.correct(),
            confusion.total())
        + confusion.toText();
  }
}
