package org.mtl4j.export;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.io.WriteOptions;
import org.mtl4j.metrics.parity.Tier;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.train.reference.ProbeBatches;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * Export time and peak heap for a random bert-base-sized package (targets: 10 s, 2 GB). Not a unit
 * test: run {@code prepare DIR} once (writes the package, DJL reference outputs included), then
 * {@code export DIR} in a fresh JVM with {@code -Xmx2g}, which prints the wall time of {@link
 * PackageExporter#export} (graph build, write, ONNX Runtime load, parity gate) and the sum of the
 * heap pools' peak usage, with the process CPU time (wall time on a shared machine depends on its
 * load).
 */
public final class ExportBenchmark {

  private ExportBenchmark() {}

  /** The export's steps one by one, each timed: build, write, ONNX Runtime load, gate. */
  private static void phases(ModelPackage pkg) {
    try {
      long t0 = System.nanoTime();
      var tasks = PackageExporter.selectTasks(pkg, List.of());
      var model = PackageExporter.build(pkg, tasks);
      long t1 = System.nanoTime();
      Path file = Files.createTempDirectory(pkg.dir(), ".phases").resolve("model.onnx");
      OnnxWriter.write(model, file, WriteOptions.externalData());
      model = null;
      long t2 = System.nanoTime();
      try (InferenceSession runner = InferenceSession.open(file, ParityGate.SESSION_OPTIONS)) {
        long t3 = System.nanoTime();
        GateReport report = ParityGate.run(runner, pkg.reference(), tasks, Tier.PORTABLE);
        long t4 = System.nanoTime();
        System.out.printf(
            Locale.ROOT,
            "read + build %.2f s, write %.2f s, ORT load %.2f s, gate %.2f s (%s)%n",
            (t1 - t0) / 1e9,
            (t2 - t1) / 1e9,
            (t3 - t2) / 1e9,
            (t4 - t3) / 1e9,
            report.passed() ? "PASS" : "FAIL");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * @param args {@code prepare DIR}, {@code export DIR} or {@code phases DIR}
   */
  public static void main(String[] args) {
    Path dir = Path.of(args[1]);
    if (args[0].equals("prepare")) {
      EncoderConfig config = Presets.get("bert-base-uncased").config();
      int maxLength = config.maxSequenceLength();
      TinyPackages.random(
          dir,
          config,
          TinyPackages.THREE_TASKS,
          ProbeBatches.standard(config, maxLength, 1),
          maxLength);
      System.out.println("wrote " + dir);
      return;
    }
    ModelPackage pkg = ModelPackage.open(dir);
    if (args[0].equals("phases")) {
      phases(pkg);
      return;
    }
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    ExportResult result = PackageExporter.export(pkg, dir.resolve("model.onnx"), List.of());
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "export %s: %.2f s wall, %.2f s process CPU, peak heap %.0f MiB (max %d MiB), files %s%n",
        result.report().passed() ? "PASS" : "FAIL",
        seconds,
        cpuSeconds,
        peak / 1048576.0,
        Runtime.getRuntime().maxMemory() >> 20,
        result.files());
    result
        .report()
        .perOutput()
        .forEach(
            (name, v) ->
                System.out.printf(Locale.ROOT, "  %s max abs diff %.3e%n", name, v.maxAbsDiff()));
  }
}
