package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batch plans: every row once at temperature 1, small tasks drawn more at higher temperature. */
class EpochPlanTest {

  @Test
  void temperatureOneVisitsEveryRowOnceInSizeProportion() {
    EpochPlan plan = EpochPlan.of(new int[] {50, 10}, 8, 1.0, 3, 0);

    assertThat(plan.size()).isEqualTo(7 + 2);
    for (int unit = 0; unit < 2; unit++) {
      int u = unit;
      int[] rows =
          plan.steps().stream()
              .filter(s -> s.unit() == u)
              .flatMapToInt(s -> IntStream.of(s.rows()))
              .sorted()
              .toArray();
      assertThat(rows).isEqualTo(IntStream.range(0, u == 0 ? 50 : 10).toArray());
    }
  }

  @Test
  void sameSeedAndEpochGiveTheSamePlanOthersDiffer() {
    EpochPlan a = EpochPlan.of(new int[] {30, 20}, 4, 1.0, 3, 1);
    EpochPlan b = EpochPlan.of(new int[] {30, 20}, 4, 1.0, 3, 1);
    EpochPlan c = EpochPlan.of(new int[] {30, 20}, 4, 1.0, 3, 2);

    assertThat(rows(a)).isEqualTo(rows(b));
    assertThat(rows(a)).isNotEqualTo(rows(c));
  }

  @Test
  void higherTemperatureDrawsTheSmallTaskMoreOften() {
    EpochPlan proportional = EpochPlan.of(new int[] {160, 16}, 8, 1.0, 3, 0);
    EpochPlan even = EpochPlan.of(new int[] {160, 16}, 8, 100.0, 3, 0);

    assertThat(count(proportional, 1)).isEqualTo(2);
    assertThat(count(even, 1)).isGreaterThanOrEqualTo(10);
    assertThat(even.size()).isEqualTo(proportional.size());
  }

  private static long count(EpochPlan plan, int unit) {
    return plan.steps().stream().filter(s -> s.unit() == unit).count();
  }

  private static String rows(EpochPlan plan) {
    return plan.steps().stream().map(s -> s.unit() + Arrays.toString(s.rows())).toList().toString();
  }
}
