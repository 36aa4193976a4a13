package org.mtl4j.train.trainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The batches of one epoch, fixed by the seed and the epoch number alone, so a resumed run replays
 * exactly the batches the interrupted one would have seen.
 *
 * <p>Every batch holds rows of one {@link BatchUnit}. The epoch has as many batches as all units
 * together fill ({@code Σ ceil(rows / batchSize)}); a unit's share of them is proportional to
 * {@code batches^(1/temperature)}, so temperature 1 visits every row exactly once per epoch and
 * higher temperatures draw small tasks more often (cycling through their rows). Rows are shuffled
 * per unit and epoch, and the batch order is shuffled too.
 *
 * @param steps the batches in order
 */
public record EpochPlan(List<Step> steps) {

  /**
   * One batch.
   *
   * @param unit index of the unit in the unit list
   * @param rows row indices into the unit's training examples
   */
  public record Step(int unit, int[] rows) {}

  /**
   * @param sizes the training rows of each unit
   * @param batchSize rows per batch
   * @param temperature the sampling temperature
   * @param seed the run's seed
   * @param epoch the epoch, from 0
   * @return the plan
   */
  public static EpochPlan of(int[] sizes, int batchSize, double temperature, long seed, int epoch) {
    Random random = new Random(seed * 1_000_003L + epoch);
    int[] batches = IntStream.of(sizes).map(n -> (n + batchSize - 1) / batchSize).toArray();
    int total = IntStream.of(batches).sum();
    int[] counts = shares(batches, total, temperature);
    List<Integer> order = new ArrayList<>();
    for (int u = 0; u < sizes.length; u++) {
      for (int k = 0; k < counts[u]; k++) {
        order.add(u);
      }
    }
    List<List<Integer>> permutations = new ArrayList<>();
    for (int size : sizes) {
      List<Integer> rows = new ArrayList<>(IntStream.range(0, size).boxed().toList());
      Collections.shuffle(rows, random);
      permutations.add(rows);
    }
    Collections.shuffle(order, random);
    int[] cursor = new int[sizes.length];
    List<Step> steps = new ArrayList<>(order.size());
    for (int u : order) {
      List<Integer> perm = permutations.get(u);
      int start = cursor[u] % perm.size();
      int length = Math.min(batchSize, perm.size() - start);
      int[] rows = new int[length];
      for (int i = 0; i < length; i++) {
        rows[i] = perm.get(start + i);
      }
      cursor[u] = start + length;
      steps.add(new Step(u, rows));
    }
    return new EpochPlan(steps);
  }

  /**
   * @return the number of batches
   */
  public int size() {
    return steps.size();
  }

  /** Splits {@code total} batches in proportion to {@code batches^(1/temperature)}. */
  private static int[] shares(int[] batches, int total, double temperature) {
    if (temperature == 1.0) {
      return batches.clone();
    }
    double[] weights =
        IntStream.of(batches).mapToDouble(b -> Math.pow(b, 1 / temperature)).toArray();
    double sum = java.util.Arrays.stream(weights).sum();
    int[] counts = new int[batches.length];
    double[] remainders = new double[batches.length];
    int assigned = 0;
    for (int u = 0; u < batches.length; u++) {
      double exact = total * weights[u] / sum;
      counts[u] = Math.max(1, (int) Math.floor(exact));
      remainders[u] = exact - Math.floor(exact);
      assigned += counts[u];
    }
    while (assigned < total) {
      int best = 0;
      for (int u = 1; u < batches.length; u++) {
        if (remainders[u] > remainders[best]) {
          best = u;
        }
      }
      counts[best]++;
      remainders[best] = -1;
      assigned++;
    }
    return counts;
  }
}
