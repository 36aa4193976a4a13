package org.mtl4j.bench.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures several calls in one JVM by alternating them call by call: round {@code r} runs item
 * {@code r mod items} of every call, starting with call {@code r mod k}, so each sees the same load
 * and neither always goes first. Sample {@code i} of each call comes from the same round, which
 * makes the samples pairs. Each call's wall time and the calling thread's CPU time are recorded;
 * with one intra-op thread ONNX Runtime computes on the calling thread, so the CPU time is the
 * call's own work, which other processes competing for the cores barely change.
 */
public final class AlternatingRunner {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AlternatingRunner() {}

  /**
   * @param calls the operations, at least one
   * @param workload the inputs (for the item count and input counts)
   * @param limits warm-up and length
   * @return one sample set per call, in the given order
   * @throws Exception when a call fails
   */
  public static List<Samples> run(List<BenchCall> calls, Workload workload, RunLimits limits)
      throws Exception {
    int k = calls.size();
    int items = workload.batches().size();
    for (int r = 0; r < limits.warmup(); r++) {
      for (int j = 0; j < k; j++) {
        calls.get((r + j) % k).call(r % items);
      }
    }
    int capacity = limits.calls() > 0 ? limits.calls() : 1024;
    long[][] wall = new long[k][capacity];
    long[][] cpu = new long[k][capacity];
    long[] inputs = new long[k];
    long deadline =
        limits.duration().isZero()
            ? Long.MAX_VALUE
            : System.nanoTime() + limits.duration().toNanos();
    int rounds = 0;
    while ((limits.calls() == 0 || rounds < limits.calls()) && System.nanoTime() < deadline) {
      if (rounds == wall[0].length) {
        for (int j = 0; j < k; j++) {
          wall[j] = Arrays.copyOf(wall[j], rounds * 2);
          cpu[j] = Arrays.copyOf(cpu[j], rounds * 2);
        }
      }
      int item = rounds % items;
      for (int j = 0; j < k; j++) {
        int c = (rounds + j) % k;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        calls.get(c).call(item);
        long t1 = System.nanoTime();
        cpu[c][rounds] = Math.max(1, THREADS.getCurrentThreadCpuTime() - cpu0);
        wall[c][rounds] = Math.max(1, t1 - t0);
        inputs[c] += workload.batches().get(item).size();
      }
      rounds++;
    }
    List<Samples> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      out.add(
          new Samples(
              calls.get(j).name(),
              Arrays.copyOf(wall[j], rounds),
              Arrays.copyOf(cpu[j], rounds),
              inputs[j]));
    }
    return out;
  }
}
