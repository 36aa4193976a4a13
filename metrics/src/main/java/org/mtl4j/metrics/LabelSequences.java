package org.mtl4j.metrics;

import java.util.List;
import java.util.Objects;

/** Checks shared by every metric: gold and predicted label lists must line up one to one. */
public final class LabelSequences {

  private LabelSequences() {}

  /**
   * Checks that gold and predictions are non-null and of equal length.
   *
   * @param gold gold labels, one per example
   * @param pred predicted labels, one per example
   * @throws IllegalArgumentException naming both lengths when they differ
   */
  public static void requireSameLength(List<?> gold, List<?> pred) {
    Objects.requireNonNull(gold, "gold");
    Objects.requireNonNull(pred, "pred");
    if (gold.size() != pred.size()) {
      throw new IllegalArgumentException(
          "gold has " + gold.size() + " examples but predictions have " + pred.size());
    }
  }

  /**
   * Checks that two tag sequences line up: the same number of sentences, each of the same length.
   *
   * @param gold gold tag sequences
   * @param pred predicted tag sequences
   * @throws IllegalArgumentException naming the first sentence (0-based) whose lengths differ
   */
  public static void requireAligned(
      List<? extends List<String>> gold, List<? extends List<String>> pred) {
    requireSameLength(gold, pred);
    for (int i = 0; i < gold.size(); i++) {
      int g = gold.get(i).size();
      int p = pred.get(i).size();
      if (g != p) {
        throw new IllegalArgumentException(
            "sentence " + i + ": gold has " + g + " tags but the prediction has " + p);
      }
    }
  }
}
