package org.mtl4j.train.trainer;

/**
 * The learning rate per update: a linear rise from 0 over the warm-up updates, then a linear fall
 * to 0 at the last update ({@code get_linear_schedule_with_warmup}).
 *
 * @param peak the peak learning rate
 * @param warmup updates of warm-up
 * @param total updates in the run
 */
record LinearSchedule(double peak, long warmup, long total) {

  /**
   * @param update the update about to be applied, from 0
   * @return its learning rate
   */
  double rate(long update) {
    if (update < warmup) {
      return peak * (update + 1) / (warmup + 1);
    }
    return peak * Math.max(0.0, (double) (total - update) / Math.max(1, total - warmup));
  }
}
