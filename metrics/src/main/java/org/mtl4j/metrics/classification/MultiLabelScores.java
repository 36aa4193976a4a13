package org.mtl4j.metrics.classification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mtl4j.metrics.LabelCounts;
import org.mtl4j.metrics.LabelSequences;
import org.mtl4j.metrics.ScoreTable;

/**
 * Multi-label metrics, computed as scikit-learn computes them on the binary indicator matrix (one
 * column per label) that {@code MultiLabelBinarizer} would build.
 *
 * <ul>
 *   <li>{@code table.micro().f1()}: {@code f1_score(average="micro")}, from the label-summed true
 *       positives, predictions and gold labels;
 *   <li>{@code table.macro().f1()}: {@code f1_score(average="macro")}, the unweighted mean over
 *       every label column, including columns never seen in gold or predictions (F1 0, as
 *       scikit-learn's {@code zero_division="warn"});
 *   <li>{@code subsetAccuracy}: {@code accuracy_score}, the fraction of examples whose predicted
 *       label set equals the gold set exactly;
 *   <li>{@code hammingLoss}: {@code hamming_loss}, wrong cells over all cells (examples × labels).
 * </ul>
 *
 * With no examples or no labels every value is 0.
 *
 * @param labels the label columns, in order
 * @param table per-label scores with micro, macro and weighted averages
 * @param subsetAccuracy fraction of exact matches, 0 to 1
 * @param hammingLoss fraction of wrong label decisions, 0 to 1
 */
public record MultiLabelScores(
    List<String> labels, ScoreTable table, double subsetAccuracy, double hammingLoss) {

  /** Freezes the label list. */
  public MultiLabelScores {
    labels = List.copyOf(labels);
  }

  /**
   * Scores with the label columns taken from the data: the sorted union of every gold and predicted
   * label (what a binarizer fitted on both would use).
   *
   * @param gold gold label sets, one per example
   * @param pred predicted label sets, one per example
   * @return the scores
   */
  public static MultiLabelScores of(
      List<? extends Set<String>> gold, List<? extends Set<String>> pred) {
    LabelSequences.requireSameLength(gold, pred);
    TreeSet<String> labels = new TreeSet<>();
    gold.forEach(labels::addAll);
    pred.forEach(labels::addAll);
    return of(gold, pred, List.copyOf(labels));
  }

  /**
   * Scores against a fixed list of label columns (a task's label list), so labels that never occur
   * still count in the macro average.
   *
   * @param gold gold label sets, one per example
   * @param pred predicted label sets, one per example
   * @param labels every label column
   * @return the scores
   * @throws IllegalArgumentException when the lists differ in length or a set holds a label that is
   *     not a column (naming the example)
   */
  public static MultiLabelScores of(
      List<? extends Set<String>> gold, List<? extends Set<String>> pred, List<String> labels) {
    LabelSequences.requireSameLength(gold, pred);
    Map<String, Integer> index = new HashMap<>();
    for (String label : labels) {
      if (index.putIfAbsent(label, index.size()) != null) {
        throw new IllegalArgumentException("label '" + label + "' is listed twice");
      }
    }
    int n = labels.size();
    long[] truePositives = new long[n];
    long[] predicted = new long[n];
    long[] actual = new long[n];
    long exact = 0;
    long wrongCells = 0;
    for (int i = 0; i < gold.size(); i++) {
      Set<String> g = gold.get(i);
      Set<String> p = pred.get(i);
      requireKnown(g, index, "gold", i);
      requireKnown(p, index, "predicted", i);
      for (String label : g) {
        actual[index.get(label)]++;
        if (p.contains(label)) {
          truePositives[index.get(label)]++;
        } else {
          wrongCells++;
        }
      }
      for (String label : p) {
        predicted[index.get(label)]++;
        if (!g.contains(label)) {
          wrongCells++;
        }
      }
      if (g.equals(p)) {
        exact++;
      }
    }
    List<LabelCounts> counts = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      counts.add(new LabelCounts(labels.get(k), truePositives[k], predicted[k], actual[k]));
    }
    long examples = gold.size();
    double subsetAccuracy = examples == 0 ? 0.0 : (double) exact / examples;
    double hammingLoss = examples * n == 0 ? 0.0 : (double) wrongCells / (examples * n);
    return new MultiLabelScores(labels, ScoreTable.of(counts), subsetAccuracy, hammingLoss);
  }

  private static void requireKnown(
      Set<String> labels, Map<String, Integer> index, String side, int example) {
    for (String label : labels) {
      if (!index.containsKey(label)) {
        throw new IllegalArgumentException(
            "example "
                + example
                + ": "
                + side
                + " label '"
                + label
                + "' is not one of "
                + index.keySet());
      }
    }
  }
}
