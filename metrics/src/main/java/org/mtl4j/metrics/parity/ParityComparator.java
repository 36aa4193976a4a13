package org.mtl4j.metrics.parity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether two models compute the same thing: compares a candidate's named outputs with a
 * reference's, output by output, and judges them against a {@link Tier}. The one place in mtl4j
 * that makes this call; the exporter's gate and {@code mtl validate} both go through it.
 *
 * <p>Elements pass within the tier's {@code atol + rtol·|reference|} ({@link Tier#tolerance}); the
 * report names the element that uses the largest share of its tolerance. Argmax agreement is taken
 * along the last axis; rows that are reference ties ({@link Tier#isTie}) are counted apart and
 * never as disagreements. With an attention mask, outputs of shape {@code [batch, sequence, tags]}
 * leave padding positions out of argmax; the element differences always cover every element,
 * padding included.
 */
public final class ParityComparator {

  /** Denominator floor of the relative difference. */
  static final double RELATIVE_FLOOR = 1e-6;

  private ParityComparator() {}

  /**
   * Compares without an attention mask.
   *
   * @param reference the reference outputs (training framework)
   * @param candidate the candidate outputs (exported graph)
   * @param tier the tier to judge against
   * @return the report
   */
  public static ParityReport compare(
      List<NamedTensor> reference, List<NamedTensor> candidate, Tier tier) {
    return compare(reference, candidate, Optional.empty(), tier);
  }

  /**
   * Compares two sets of outputs.
   *
   * @param reference the reference outputs (training framework)
   * @param candidate the candidate outputs (exported graph)
   * @param mask the inputs' attention mask, applied to argmax agreement of token outputs
   * @param tier the tier to judge against
   * @return the report; missing, extra and misshapen outputs are failures naming the output
   * @throws IllegalArgumentException when one side names an output twice
   */
  public static ParityReport compare(
      List<NamedTensor> reference,
      List<NamedTensor> candidate,
      Optional<AttentionMask> mask,
      Tier tier) {
    Map<String, NamedTensor> refs = byName(reference, "reference");
    Map<String, NamedTensor> cands = byName(candidate, "candidate");
    List<String> failures = new ArrayList<>();
    List<OutputComparison> outputs = new ArrayList<>();
    for (NamedTensor r : refs.values()) {
      NamedTensor c = cands.get(r.name());
      if (c == null) {
        failures.add("output '" + r.name() + "' is missing from the candidate");
      } else if (!Arrays.equals(r.shape(), c.shape())) {
        failures.add(
            "output '"
                + r.name()
                + "' has shape "
                + Arrays.toString(c.shape())
                + " in the candidate but "
                + Arrays.toString(r.shape())
                + " in the reference");
      } else {
        OutputComparison o = compareOne(r, c, mask, tier);
        outputs.add(o);
        o.failures().forEach(f -> failures.add("output '" + r.name() + "': " + f));
      }
    }
    for (String name : cands.keySet()) {
      if (!refs.containsKey(name)) {
        failures.add("output '" + name + "' is in the candidate but not in the reference");
      }
    }
    return new ParityReport(tier, outputs, failures);
  }

  private static Map<String, NamedTensor> byName(List<NamedTensor> tensors, String side) {
    Map<String, NamedTensor> map = new LinkedHashMap<>();
    for (NamedTensor t : tensors) {
      if (map.put(t.name(), t) != null) {
        throw new IllegalArgumentException(
            "the " + side + " names output '" + t.name() + "' twice");
      }
    }
    return map;
  }

  private static OutputComparison compareOne(
      NamedTensor r, NamedTensor c, Optional<AttentionMask> mask, Tier tier) {
    float[] a = r.data();
    float[] b = c.data();
    double maxAbs = 0;
    double maxRel = 0;
    double maxExcess = 0;
    double sumAbs = 0;
    long beyond = 0;
    int worst = -1;
    int worstShare = -1;
    double worstShareValue = -1;
    for (int i = 0; i < a.length; i++) {
      double diff = difference(a[i], b[i]);
      if (worst < 0 || diff > maxAbs) {
        maxAbs = diff;
        worst = i;
      }
      double magnitude = Math.abs((double) a[i]);
      maxRel = Math.max(maxRel, diff == 0 ? 0 : diff / Math.max(magnitude, RELATIVE_FLOOR));
      sumAbs += diff;
      if (tier.checksElements()) {
        double tolerance = tier.tolerance(a[i]);
        double share = diff / tolerance;
        if (share > worstShareValue) {
          worstShareValue = share;
          worstShare = i;
        }
        if (diff > tolerance) {
          beyond++;
        }
        double over = diff - tier.atol();
        if (over > 0) {
          maxExcess =
              Math.max(maxExcess, magnitude == 0 ? Double.POSITIVE_INFINITY : over / magnitude);
        }
      }
    }
    List<String> failures = new ArrayList<>();
    Argmax argmax = argmax(r, c, mask, tier, failures);
    long[] worstIndex = worst < 0 ? new long[0] : r.index(worst);
    double worstRef = worst < 0 ? Double.NaN : a[worst];
    double worstCand = worst < 0 ? Double.NaN : b[worst];
    OutputComparison.Element element =
        worstShare < 0
            ? null
            : new OutputComparison.Element(
                r.index(worstShare),
                a[worstShare],
                b[worstShare],
                difference(a[worstShare], b[worstShare]),
                tier.tolerance(a[worstShare]));
    if (Double.isInfinite(maxAbs)) {
      failures.add(
          "non-finite difference at "
              + Arrays.toString(worstIndex)
              + " (reference "
              + worstRef
              + ", candidate "
              + worstCand
              + ")");
    } else if (beyond > 0) {
      failures.add(
          String.format(
              Locale.ROOT,
              "%d element(s) beyond the %s tier's tolerance (%.0e + %.1e·|reference|); worst at %s: reference %s, "
                  + "candidate %s, diff %.3e > tolerance %.3e (max abs diff %.3e at %s, max relative excess %.3e)",
              beyond,
              tier.cliName(),
              tier.atol(),
              tier.rtol(),
              Arrays.toString(element.index()),
              (float) element.reference(),
              (float) element.candidate(),
              element.difference(),
              element.tolerance(),
              maxAbs,
              Arrays.toString(worstIndex),
              maxExcess));
    }
    if (argmax.agreement() < tier.minArgmaxAgreement()) {
      String firstMismatch = "first at " + Arrays.toString(argmax.firstMismatch());
      failures.add(
          tier.minArgmaxAgreement() >= 1.0
              ? String.format(
                  Locale.ROOT,
                  "argmax differs in %d of %d rows (%d reference ties left out), %s; the %s tier needs identical argmax",
                  argmax.mismatches(),
                  argmax.rows(),
                  argmax.ties(),
                  firstMismatch,
                  tier.cliName())
              : String.format(
                  Locale.ROOT,
                  "argmax agrees on %.4f%% of %d rows (%s); the %s tier needs %.1f%%",
                  100 * argmax.agreement(),
                  argmax.rows(),
                  firstMismatch,
                  tier.cliName(),
                  100 * tier.minArgmaxAgreement()));
    }
    return new OutputComparison(
        r.name(),
        r.shape().clone(),
        maxAbs,
        maxRel,
        maxExcess,
        beyond,
        element,
        a.length == 0 ? 0 : sumAbs / a.length,
        worstIndex,
        worstRef,
        worstCand,
        argmax.rows(),
        argmax.mismatches(),
        argmax.ties(),
        argmax.agreement(),
        argmax.firstMismatch(),
        argmax.masked(),
        failures);
  }

  /** {@code |c - r|} with NaN/infinity handled as {@link OutputComparison} documents. */
  static double difference(float reference, float candidate) {
    if (Float.isNaN(reference) || Float.isNaN(candidate)) {
      return Float.isNaN(reference) && Float.isNaN(candidate) ? 0 : Double.POSITIVE_INFINITY;
    }
    if (Float.isInfinite(reference) || Float.isInfinite(candidate)) {
      return reference == candidate ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs((double) candidate - (double) reference);
  }

  private record Argmax(
      long rows, long mismatches, long ties, long[] firstMismatch, boolean masked) {
    double agreement() {
      return rows == 0 ? 1.0 : 1.0 - (double) mismatches / rows;
    }
  }

  private static Argmax argmax(
      NamedTensor r,
      NamedTensor c,
      Optional<AttentionMask> mask,
      Tier tier,
      List<String> failures) {
    long[] shape = r.shape();
    if (shape.length == 0 || shape[shape.length - 1] == 0) {
      return new Argmax(0, 0, 0, new long[0], false);
    }
    int classes = (int) shape[shape.length - 1];
    int rowCount = r.data().length / classes;
    AttentionMask m = mask.filter(x -> shape.length == 3).orElse(null);
    if (m != null && (shape[0] != m.batch() || shape[1] != m.sequence())) {
      failures.add(
          "attention mask ["
              + m.batch()
              + ", "
              + m.sequence()
              + "] does not fit the output's shape "
              + Arrays.toString(shape));
      m = null;
    }
    long rows = 0;
    long mismatches = 0;
    long ties = 0;
    long[] first = new long[0];
    for (int row = 0; row < rowCount; row++) {
      if (m != null && !m.isToken(row / shape[1], row % shape[1])) {
        continue;
      }
      rows++;
      if (tier.isTie(r.data(), row * classes, classes)) {
        ties++;
      } else if (argmax(r.data(), row * classes, classes)
          != argmax(c.data(), row * classes, classes)) {
        if (mismatches++ == 0) {
          first = Arrays.copyOf(r.index((long) row * classes), shape.length - 1);
        }
      }
    }
    return new Argmax(rows, mismatches, ties, first, m != null);
  }

  /** Index of the first maximum; NaN never wins. */
  private static int argmax(float[] data, int offset, int length) {
    int best = 0;
    for (int i = 1; i < length; i++) {
      if (data[offset + i] > data[offset + best]
          || Float.isNaN(data[offset + best]) && !Float.isNaN(data[offset + i])) {
        best = i;
      }
    }
    return best;
  }
}
