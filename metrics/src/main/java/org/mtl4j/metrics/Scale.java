package org.mtl4j.metrics;

/**
 * The scale a metric reports on. The original library mixes the two: accuracy and the SNIPS
 * (conlleval) metrics are percentages, the scikit-learn F1/recall and seqeval metrics are
 * fractions.
 */
public enum Scale {
  /** 0 to 100. */
  PERCENT(100.0),
  /** 0 to 1. */
  FRACTION(1.0);

  private final double full;

  Scale(double full) {
    this.full = full;
  }

  /**
   * Converts a value (or a difference of values) on this scale to points, where 100 points is the
   * full scale: 0.012 as a fraction and 1.2 as a percentage are both 1.2 points.
   *
   * @param value a value on this scale
   * @return the same value in points
   */
  public double toPoints(double value) {
    return value * 100.0 / full;
  }
}
