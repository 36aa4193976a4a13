package org.mtl4j.bench.run;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Recorder;
import org.mtl4j.bench.stats.LatencySummary;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;

/**
 * Concurrent callers through the runtime's {@link MicroBatcher}: each caller predicts one input at
 * a time (cycling through the workload's inputs from its own offset) until the run ends; the
 * latency of every request is recorded.
 */
public final class ConcurrentRunner {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ConcurrentRunner() {}

  /**
   * What a concurrent run measured.
   *
   * @param histogram request latencies in nanoseconds
   * @param wallNanos the timed run's wall time
   * @param cpuNanos process CPU time during the timed run
   */
  public record Result(org.HdrHistogram.Histogram histogram, long wallNanos, long cpuNanos) {

    /**
     * @return requests per second
     */
    public double throughput() {
      return histogram.getTotalCount() / (wallNanos / 1e9);
    }

    /**
     * @return mean process CPU time per request, in nanoseconds
     */
    public double meanCpu() {
      return cpuNanos / (double) Math.max(1, histogram.getTotalCount());
    }
  }

  /**
   * @param model the model (not owned)
   * @param workload the inputs
   * @param tasks task names, empty for the default
   * @param callers concurrent callers
   * @param limits warm-up requests (before the timed run), requests per caller at most, and
   *     duration
   * @return the latencies
   * @throws Exception when a request fails
   */
  public static Result run(
      MtlModel model, Workload workload, List<String> tasks, int callers, RunLimits limits)
      throws Exception {
    List<ModelInput> inputs = workload.batches().stream().flatMap(List::stream).toList();
    BatcherOptions defaults = BatcherOptions.defaults();
    BatcherOptions options =
        new BatcherOptions(
            Math.max(callers, 1),
            defaults.maxDelay(),
            Math.max(defaults.queueCapacity(), callers * 2),
            defaults.requestTimeout(),
            1);
    Recorder recorder = new Recorder(LatencySummary.DIGITS);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (MicroBatcher batcher = new MicroBatcher(model, options, InferenceListener.NONE)) {
      for (int i = 0; i < limits.warmup(); i++) {
        batcher.predict(inputs.get(i % inputs.size()), tasks);
      }
      List<Thread> threads = new ArrayList<>();
      long start = System.nanoTime();
      long cpu0 = OS.getProcessCpuTime();
      long end = limits.duration().isZero() ? Long.MAX_VALUE : start + limits.duration().toNanos();
      for (int c = 0; c < callers; c++) {
        int offset = c * Math.max(1, inputs.size() / callers);
        Thread t =
            new Thread(
                () -> {
                  try {
                    for (int i = 0;
                        (limits.calls() == 0 || i < limits.calls()) && System.nanoTime() < end;
                        i++) {
                      long t0 = System.nanoTime();
                      batcher.predict(inputs.get((offset + i) % inputs.size()), tasks);
                      recorder.recordValue(Math.max(1, System.nanoTime() - t0));
                    }
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                },
                "mtl-bench-caller-" + c);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      long wall = System.nanoTime() - start;
      long cpu = OS.getProcessCpuTime() - cpu0;
      if (failure.get() != null) {
        throw new IllegalStateException(
            "a concurrent request failed: " + failure.get().getMessage(), failure.get());
      }
      return new Result(recorder.getIntervalHistogram(), wall, cpu);
    }
  }
}
