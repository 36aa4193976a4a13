package org.mtl4j.bench.run;

import java.time.Duration;

/**
 * How long a measurement runs: untimed warm-up rounds, then timed rounds until the call count or
 * the duration is reached, whichever comes first.
 *
 * @param warmup untimed rounds first
 * @param calls timed rounds at most (0: no limit)
 * @param duration timed wall time at most (zero: no limit)
 */
public record RunLimits(int warmup, int calls, Duration duration) {

  /** Validates. */
  public RunLimits {
    if (warmup < 0) {
      throw new BenchInputException("--warmup must be at least 0, was " + warmup);
    }
    if (calls < 0) {
      throw new BenchInputException("--calls must be at least 0, was " + calls);
    }
    if (duration.isNegative()) {
      throw new BenchInputException("--duration must not be negative, was " + duration);
    }
    if (calls == 0 && duration.isZero()) {
      throw new BenchInputException("give --calls or --duration (or both)");
    }
  }
}
