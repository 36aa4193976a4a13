package org.mtl4j.metrics.parity;

import java.util.List;

/**
 * How one output of the candidate differs from the reference. Differences are {@code |candidate -
 * reference|} per element, computed in double; NaN against NaN and equal infinities count as 0, NaN
 * against a number or an infinity against anything else as infinite.
 *
 * @param name the output's name
 * @param shape its shape (the same in both)
 * @param maxAbsDiff the largest absolute difference
 * @param maxRelDiff the largest {@code |c - r| / max(|r|, 1e-6)} (the floor keeps near-zero
 *     references from dominating; reported, not gated)
 * @param maxRelativeExcess the largest {@code max(0, |c - r| - atol) / |r|}: the relative term the
 *     tier would need for every element to pass, so an output passes its element check exactly when
 *     this is at most the tier's {@code rtol} (infinite when an element beyond {@code atol} has a
 *     zero reference; 0 for a tier that does not check elements)
 * @param beyondTolerance how many elements lie beyond the tier's tolerance
 * @param worstElement the element that uses the largest share of its tolerance ({@code |c - r| /
 *     (atol + rtol |r|)}); null for an empty tensor or a tier that does not check elements
 * @param meanAbsDiff the mean absolute difference over all elements
 * @param worstIndex the index, one entry per dimension, of the element with the largest absolute
 *     difference (the first one on ties); empty for an empty tensor
 * @param worstReference the reference value there (NaN for an empty tensor)
 * @param worstCandidate the candidate value there (NaN for an empty tensor)
 * @param argmaxRows rows (all positions but the last axis) compared for argmax, masked positions
 *     excluded
 * @param argmaxMismatches compared rows whose argmax differs (first maximum wins equal values),
 *     reference ties excluded
 * @param argmaxTies compared rows that are reference ties under the tier ({@link Tier#isTie}),
 *     whatever their argmax
 * @param argmaxAgreement {@code 1 - argmaxMismatches / argmaxRows}; 1 when no row is compared
 * @param firstArgmaxMismatch index (all but the last axis) of the first differing row; empty when
 *     none differs
 * @param masked whether the attention mask was applied to this output
 * @param failures why this output fails the tier; empty when it passes
 */
public record OutputComparison(
    String name,
    long[] shape,
    double maxAbsDiff,
    double maxRelDiff,
    double maxRelativeExcess,
    long beyondTolerance,
    Element worstElement,
    double meanAbsDiff,
    long[] worstIndex,
    double worstReference,
    double worstCandidate,
    long argmaxRows,
    long argmaxMismatches,
    long argmaxTies,
    double argmaxAgreement,
    long[] firstArgmaxMismatch,
    boolean masked,
    List<String> failures) {

  /** Freezes the failure list. */
  public OutputComparison {
    failures = List.copyOf(failures);
  }

  /**
   * One element judged against the tier's tolerance.
   *
   * @param index its index, one entry per dimension
   * @param reference the reference value
   * @param candidate the candidate value
   * @param difference {@code |candidate - reference|}
   * @param tolerance {@code atol + rtol * |reference|}
   */
  public record Element(
      long[] index, double reference, double candidate, double difference, double tolerance) {

    /**
     * @return the share of its tolerance the element uses; above 1 fails
     */
    public double toleranceUsed() {
      return difference / tolerance;
    }
  }

  /**
   * @return whether this output passes the tier
   */
  public boolean passed() {
    return failures.isEmpty();
  }
}
