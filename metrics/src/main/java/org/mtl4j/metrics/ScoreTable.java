package org.mtl4j.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Per-label precision, recall, F1 and support with their micro, macro and weighted averages: the
 * body of scikit-learn's and seqeval's {@code classification_report}.
 *
 * <ul>
 *   <li>micro: precision, recall and F1 of the summed counts;
 *   <li>macro: the unweighted mean of the per-label precisions, recalls and F1s;
 *   <li>weighted: their mean weighted by support; all 0 when there is no support at all, as
 *       scikit-learn returns with {@code zero_division="warn"}.
 * </ul>
 *
 * Averages over no labels at all (empty input) are 0, where scikit-learn and seqeval return NaN for
 * the macro average; everything else matches them.
 *
 * @param labels per-label scores in label order
 * @param micro the micro average
 * @param macro the macro average
 * @param weighted the support-weighted average
 */
public record ScoreTable(
    List<LabelScores> labels,
    PrecisionRecallF1 micro,
    PrecisionRecallF1 macro,
    PrecisionRecallF1 weighted) {

  /** Freezes the label list. */
  public ScoreTable {
    labels = List.copyOf(labels);
  }

  /**
   * Scores every label and averages.
   *
   * @param counts per-label counts, in the order the table lists them
   * @return the table
   */
  public static ScoreTable of(List<LabelCounts> counts) {
    List<LabelScores> rows = new ArrayList<>(counts.size());
    long truePositives = 0;
    long predicted = 0;
    long actual = 0;
    for (LabelCounts c : counts) {
      rows.add(
          new LabelScores(
              c.label(),
              PrecisionRecallF1.fromCounts(c.truePositives(), c.predicted(), c.actual())));
      truePositives += c.truePositives();
      predicted += c.predicted();
      actual += c.actual();
    }
    PrecisionRecallF1 micro = PrecisionRecallF1.fromCounts(truePositives, predicted, actual);
    PrecisionRecallF1 macro = average(rows, s -> 1, rows.size(), actual);
    PrecisionRecallF1 weighted = average(rows, PrecisionRecallF1::support, actual, actual);
    return new ScoreTable(rows, micro, macro, weighted);
  }

  /**
   * The per-label scores averaged with the given weights; all zero when the weights sum to zero (no
   * labels, or no support).
   */
  private static PrecisionRecallF1 average(
      List<LabelScores> rows,
      ToDoubleFunction<PrecisionRecallF1> weight,
      double total,
      long support) {
    if (total == 0) {
      return PrecisionRecallF1.ZERO;
    }
    double p = 0;
    double r = 0;
    double f = 0;
    for (LabelScores row : rows) {
      double w = weight.applyAsDouble(row.scores());
      p += row.scores().precision() * w;
      r += row.scores().recall() * w;
      f += row.scores().f1() * w;
    }
    return new PrecisionRecallF1(p / total, r / total, f / total, support);
  }

  /**
   * Renders the table as scikit-learn's text report does: one row per label, then the averages.
   *
   * @param digits digits after the decimal point
   * @return the report, lines ending in a newline
   */
  public String toText(int digits) {
    int width = "weighted avg".length();
    for (LabelScores row : labels) {
      width = Math.max(width, row.label().length());
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%" + width + "s %10s %10s %10s %10s\n",
            "",
            "precision",
            "recall",
            "f1-score",
            "support"));
    out.append('\n');
    for (LabelScores row : labels) {
      appendRow(out, width, digits, row.label(), row.scores());
    }
    out.append('\n');
    appendRow(out, width, digits, "micro avg", micro);
    appendRow(out, width, digits, "macro avg", macro);
    appendRow(out, width, digits, "weighted avg", weighted);
    return out.toString();
  }

  private static void appendRow(
      StringBuilder out, int width, int digits, String name, PrecisionRecallF1 s) {
    String number = "%10." + digits + "f";
    out.append(
        String.format(
            Locale.ROOT,
            "%" + width + "s " + number + " " + number + " " + number + " %10d\n",
            name,
            s.precision(),
            s.recall(),
            s.f1(),
            s.support()));
  }
}
