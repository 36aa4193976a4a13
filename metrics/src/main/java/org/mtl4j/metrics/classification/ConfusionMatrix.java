package org.mtl4j.metrics.classification;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.mtl4j.metrics.LabelCounts;
import org.mtl4j.metrics.LabelSequences;

/**
 * A confusion matrix of single-label predictions, laid out as scikit-learn's {@code
 * confusion_matrix}: rows are gold labels, columns predicted labels, and the labels are the sorted
 * union of every gold and predicted label (sorted by {@link String#compareTo}, which is numpy's
 * order for these strings).
 */
public final class ConfusionMatrix {

  private final List<String> labels;
  private final long[][] counts;

  private ConfusionMatrix(List<String> labels, long[][] counts) {
    this.labels = labels;
    this.counts = counts;
  }

  /**
   * Counts gold/predicted pairs.
   *
   * @param gold gold labels, one per example
   * @param pred predicted labels, one per example
   * @return the matrix
   * @throws IllegalArgumentException when the lists differ in length
   */
  public static ConfusionMatrix of(List<String> gold, List<String> pred) {
    LabelSequences.requireSameLength(gold, pred);
    TreeSet<String> sorted = new TreeSet<>(gold);
    sorted.addAll(pred);
    List<String> labels = List.copyOf(sorted);
    Map<String, Integer> index = new HashMap<>();
    for (String label : labels) {
      index.put(label, index.size());
    }
    long[][] counts = new long[labels.size()][labels.size()];
    for (int i = 0; i < gold.size(); i++) {
      counts[index.get(gold.get(i))][index.get(pred.get(i))]++;
    }
    return new ConfusionMatrix(labels, counts);
  }

  /**
   * @return the labels, sorted; row and column {@code i} belong to label {@code i}
   */
  @JsonProperty("labels")
  public List<String> labels() {
    return labels;
  }

  /**
   * @param goldIndex row: the gold label's index
   * @param predIndex column: the predicted label's index
   * @return how many examples of the gold label were predicted as the other
   */
  public long count(int goldIndex, int predIndex) {
    return counts[goldIndex][predIndex];
  }

  /**
   * @return a copy of the counts, {@code [gold][pred]}
   */
  @JsonProperty("counts")
  public long[][] toArray() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /**
   * @return the number of examples
   */
  public long total() {
    return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
  }

  /**
   * @return the number of examples whose prediction equals the gold label
   */
  public long correct() {
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      sum += counts[i][i];
    }
    return sum;
  }

  /**
   * The fraction of correct predictions (scikit-learn's {@code accuracy_score}); 0 for no examples,
   * where scikit-learn returns NaN.
   *
   * @return accuracy, 0 to 1
   */
  public double accuracy() {
    long total = total();
    return total == 0 ? 0.0 : (double) correct() / total;
  }

  /**
   * @return one {@link LabelCounts} per label, in label order
   */
  public List<LabelCounts> labelCounts() {
    List<LabelCounts> out = new ArrayList<>(labels.size());
    for (int k = 0; k < labels.size(); k++) {
      long predicted = 0;
      long actual = 0;
      for (int i = 0; i < labels.size(); i++) {
        predicted += counts[i][k];
        actual += counts[k][i];
      }
      out.add(new LabelCounts(labels.get(k), counts[k][k], predicted, actual));
    }
    return out;
  }

  /**
   * Renders the matrix as text: a header of predicted labels, one row per gold label.
   *
   * @return the matrix, lines ending in a newline
   */
  public String toText() {
    int width = "gold\\pred".length();
    for (String label : labels) {
      width = Math.max(width, label.length());
    }
    for (long[] row : counts) {
      for (long c : row) {
        width = Math.max(width, Long.toString(c).length());
      }
    }
    String cell = "%" + width + "s";
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, cell, "gold\\pred"));
    for (String label : labels) {
      out.append(' ').append(String.format(Locale.ROOT, cell, label));
    }
    out.append('\n');
    for (int i = 0; i < labels.size(); i++) {
      out.append(String.format(Locale.ROOT, cell, labels.get(i)));
      for (long c : counts[i]) {
        out.append(' ').append(String.format(Locale.ROOT, cell, c));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
