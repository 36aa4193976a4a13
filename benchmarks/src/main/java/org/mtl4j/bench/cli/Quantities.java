package org.mtl4j.bench.cli;

import java.time.Duration;
import java.util.Locale;
import org.mtl4j.bench.run.BenchInputException;

/**
 * Parses the quantities users type: durations ({@code 30s}, {@code 2m}, {@code 500ms}) and
 * fractions ({@code 5%}, {@code 0.05}).
 */
final class Quantities {

  private Quantities() {}

  static Duration duration(String option, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BenchInputException(
        option + ": '" + text + "' is not a duration such as 30s, 2m or 500ms");
  }

  static double fraction(String option, String text) {
    String t = text.strip();
    try {
      double value =
          t.endsWith("%")
              ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100
              : Double.parseDouble(t);
      if (value >= 0 && value < 10) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BenchInputException(option + ": '" + text + "' is not a share such as 5% or 0.05");
  }
}
