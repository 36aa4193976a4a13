package org.mtl4j.metrics.parity;

import java.util.List;

/**
 * How one output of the candidate differs from the reference. Differences are
 * {@code |candidate - reference|} per element, computed in double; NaN against NaN and equal
 * infinities count as 0, NaN against a number or an infinity against anything else as infinite.
 *
 * @param name the output's name
 * @param shape its shape (the same in both)
 * @param maxAbsDiff the largest absolute difference
 * @param maxRelDiff the largest {@code |c - r| / max(|r|, 1e-6)} (the floor keeps near-zero
 *     references from dominating; reported, not gated)
 * @param meanAbsDiff the mean absolute difference over all elements
 * @param worstIndex the index, one entry per dimension, of the element with the largest
 *     absolute difference (the first one on ties); empty for an empty tensor
 * @param worstReference the reference value there (NaN for an empty tensor)
 * @param worstCandidate the candidate value there (NaN for an empty tensor)
 * @param argmaxRows rows (all positions but the last axis) compared for argmax, masked positions
 *     excluded
 * @param argmaxMismatches compared rows whose argmax differs (first maximum wins ties)
 * @param argmaxAgreement {@code 1 - argmaxMismatches / argmaxRows}; 1 when no row is compared
 * @param firstArgmaxMismatch index (all but the last axis) of the first differing row; empty
 *     when none differs
 * @param masked whether the attention mask was applied to this output
 * @param failures why this output fails the tier; empty when it passes
 */
public record OutputComparison(
    String name,
    long[] shape,
    double maxAbsDiff,
    double maxRelDiff,
    double meanAbsDiff,
    long[] worstIndex,
    double worstReference,
    double worstCandidate,
    long argmaxRows,
    long argmaxMismatches,
    double argmaxAgreement,
    long[] firstArgmaxMismatch,
    boolean masked,
    List<String> failures) {

  /** Freezes the failure list. */
  public OutputComparison {
    failures = List.copyOf(failures);
  }

  /** @return whether this output passes the tier */
  public boolean passed() {
    return failures.isEmpty();
  }
}
