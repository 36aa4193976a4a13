package org.mtl4j.metrics;

import java.util.Objects;

/**
 * The counts one label (a class, an entity type) is scored from.
 *
 * @param label the label
 * @param truePositives predictions of this label that match a gold instance
 * @param predicted predictions of this label
 * @param actual gold instances of this label
 */
public record LabelCounts(String label, long truePositives, long predicted, long actual) {

  /** Checks that the counts are consistent. */
  public LabelCounts {
    Objects.requireNonNull(label, "label");
    if (truePositives < 0 || truePositives > predicted || truePositives > actual) {
      throw new IllegalArgumentException(
          "inconsistent counts for label '"
              + label
              + "': tp="
              + truePositives
              + " predicted="
              + predicted
              + " actual="
              + actual);
    }
  }
}
