package org.mtl4j.bench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.mtl4j.bench.run.AlternatingRunner;
import org.mtl4j.bench.run.BenchCall;
import org.mtl4j.bench.run.ModelUnderTest;
import org.mtl4j.bench.run.RunLimits;
import org.mtl4j.bench.run.Samples;
import org.mtl4j.bench.run.Workload;
import org.mtl4j.bench.run.Workloads;
import org.mtl4j.bench.stats.Medians;
import org.mtl4j.runtime.RuntimeOptions;

/**
 * A short {@code mtl bench} run summed up in one line, for commands that end by showing what a
 * model costs (the quickstart): {@code predict} and the raw session alternated on the built-in
 * sentences with one intra-op thread for about three seconds.
 */
public final class QuickLatency {

  private QuickLatency() {}

  /**
   * @param model a package directory or an exported {@code .onnx} file
   * @return e.g. {@code latency (mtl bench, 1 thread): predict p50 4.61 ms, raw session p50 4.52
   *     ms, over 300 calls of the built-in sentences}
   * @throws Exception when the model cannot load or a run fails
   */
  public static String line(Path model) throws Exception {
    RuntimeOptions options =
        RuntimeOptions.builder().optIntraOpThreads(1).optSpinning(false).build();
    Workload workload = Workloads.builtIn(1);
    ModelUnderTest m = ModelUnderTest.load(model, options, List.of(), false);
    try (BenchCall predict = m.predictCall("predict", workload);
        BenchCall raw = m.rawCall(workload, options)) {
      List<Samples> s =
          AlternatingRunner.run(
              List.of(predict, raw), workload, new RunLimits(20, 0, Duration.ofSeconds(3)));
      return String.format(
          Locale.ROOT,
          "latency (mtl bench, 1 thread): predict p50 %.2f ms, raw session p50 %.2f ms, over %d calls of the"
              + " built-in sentences; mtl bench %s for more",
          Medians.of(s.get(0).wall()) / 1e6,
          Medians.of(s.get(1).wall()) / 1e6,
          s.get(0).calls(),
          model);
    } finally {
      m.model().close();
    }
  }
}
