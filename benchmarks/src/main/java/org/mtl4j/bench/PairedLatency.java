package org.mtl4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A paired companion to {@link LatencyBenchmark} for shared or noisy machines: in one JVM it
 * alternates {@code predict} and {@code rawRun} call by call, so both see the same load, and prints
 * p50/p99 of each and the p50 ratio per length. It also prints the calling thread's CPU time per
 * call: with one intra-op thread ONNX Runtime computes on the caller's thread, so CPU time measures
 * the work itself even when other processes compete for the cores.
 */
public final class PairedLatency {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private PairedLatency() {}

  /**
   * @param args [calls per length, default 400] [warm-up calls, default 100] [lengths, default
   *     16,128]
   * @throws Exception when the model cannot load
   */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    String lengths = args.length > 2 ? args[2] : "16,128";
    Blackhole sink =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    for (String length : lengths.split(",")) {
      LatencyBenchmark bench = new LatencyBenchmark();
      bench.length = Integer.parseInt(length);
      bench.threads = 1;
      bench.setUp();
      try {
        long[] predict = new long[calls];
        long[] raw = new long[calls];
        long[] predictCpu = new long[calls];
        long[] rawCpu = new long[calls];
        for (int i = -warmup; i < calls; i++) {
          long c0 = CPU.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          sink.consume(bench.predict());
          long t1 = System.nanoTime();
          long c1 = CPU.getCurrentThreadCpuTime();
          sink.consume(bench.rawRun());
          long t2 = System.nanoTime();
          long c2 = CPU.getCurrentThreadCpuTime();
          if (i >= 0) {
            predict[i] = t1 - t0;
            raw[i] = t2 - t1;
            predictCpu[i] = c1 - c0;
            rawCpu[i] = c2 - c1;
          }
        }
        report("length " + length + " wall", predict, raw);
        report("length " + length + " cpu ", predictCpu, rawCpu);
      } finally {
        bench.tearDown();
      }
    }
  }

  private static void report(String what, long[] predict, long[] raw) {
    Arrays.sort(predict);
    Arrays.sort(raw);
    System.out.printf(
        "%s: predict p50 %.1f us p99 %.1f us | rawRun p50 %.1f us p99 %.1f us | p50 ratio %.3f%n",
        what,
        us(predict, 0.5),
        us(predict, 0.99),
        us(raw, 0.5),
        us(raw, 0.99),
        us(predict, 0.5) / us(raw, 0.5));
  }

  private static double us(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1000.0;
  }
}
