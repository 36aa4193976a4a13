package org.mtl4j.metrics;

/**
 * Precision, recall and F1 (fractions, 0 to 1) with the support they were computed on.
 *
 * <p>Zero division follows scikit-learn's default {@code zero_division="warn"} (minus the warning):
 * a precision with nothing predicted, a recall with nothing to find, and an F1 whose precision and
 * recall are both 0 are 0, never NaN and never an exception.
 *
 * @param precision true positives over predicted positives
 * @param recall true positives over actual positives
 * @param f1 the harmonic mean of precision and recall, {@code 2*p*r/(p+r)}
 * @param support the number of actual positives (gold instances)
 */
public record PrecisionRecallF1(double precision, double recall, double f1, long support) {

  /** All zero, the value of every average over nothing. */
  public static final PrecisionRecallF1 ZERO = new PrecisionRecallF1(0, 0, 0, 0);

  /**
   * Scores one label (or a micro total) from its counts, computing F1 from precision and recall in
   * the order scikit-learn 0.23 and seqeval do, so results agree to the last bit.
   *
   * @param truePositives predictions that match a gold instance
   * @param predicted predictions made
   * @param actual gold instances
   * @return the scores, support {@code actual}
   */
  public static PrecisionRecallF1 fromCounts(long truePositives, long predicted, long actual) {
    double precision = predicted == 0 ? 0.0 : (double) truePositives / predicted;
    double recall = actual == 0 ? 0.0 : (double) truePositives / actual;
    return new PrecisionRecallF1(precision, recall, harmonicMean(precision, recall), actual);
  }

  /**
   * The F1 of a precision and a recall on any scale: {@code 2*p*r/(p+r)}, 0 when both are 0.
   *
   * @param precision a precision
   * @param recall a recall on the same scale
   * @return their harmonic mean
   */
  public static double harmonicMean(double precision, double recall) {
    double denominator = precision + recall;
    return denominator == 0 ? 0.0 : 2 * precision * recall / denominator;
  }
}
