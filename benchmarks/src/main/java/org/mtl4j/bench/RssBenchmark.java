package org.mtl4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.passes.GraphOptimizer;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.graph.passes.PassReport;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TextTokenizer;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * Process RSS growth over many predictions after warm-up (Linux, /proc/self/status). Texts of 4 to
 * 64 tokens, occasional 400-token texts (tagged in overlapping windows) and sentence pairs,
 * alternating single predictions and batches of eight, so every per-call allocation path of the
 * runtime (tokenizer encodings, direct buffers, tensors, results) is exercised. The model is the
 * tiny fixture model with all four task types by default (its small footprint makes a leak stand
 * out against the base RSS), or MiniLM with three heads, as exported or as the int8 graph of {@link
 * GraphOptimizer} (dynamic int8 quantization of the weight MatMuls, loaded as a single file). Start
 * it with a fixed, pre-touched heap ({@code benchmarks/rss} does) so that heap sizing does not
 * count as growth.
 */
public final class RssBenchmark {

  private RssBenchmark() {}

  /**
   * @param args [predictions, default 100000] [warm-up predictions, default 10000] [model: tiny
   *     (default), minilm or minilm-int8]
   * @throws Exception when the model cannot load or /proc cannot be read
   */
  public static void main(String[] args) throws Exception {
    int predictions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    String which = args.length > 2 ? args[2] : "tiny";
    boolean minilm = which.startsWith("minilm");
    List<ModelInput> inputs = new ArrayList<>();
    Random random = new Random(17);
    try (TextTokenizer tokenizer = BenchModels.tokenizer()) {
      for (int i = 0; i < 64; i++) {
        int tokens = i % 32 == 0 ? 400 : 4 + random.nextInt(61);
        String text = BenchModels.text(tokenizer, tokens, i);
        inputs.add(
            !minilm && i % 4 == 3
                ? ModelInput.pair(text, "a short second text")
                : ModelInput.of(text));
      }
    }
    RuntimeOptions options =
        RuntimeOptions.builder()
            .optIntraOpThreads(Runtime.getRuntime().availableProcessors())
            .build();
    Path pkg =
        switch (which) {
          case "tiny" -> BenchModels.tinyPackage();
          case "minilm" -> BenchModels.miniLmPackage();
          case "minilm-int8" -> int8(BenchModels.miniLmPackage());
          default ->
              throw new IllegalArgumentException(
                  "unknown model " + which + "; give tiny, minilm or minilm-int8");
        };
    System.out.println("model: " + pkg);
    try (MtlModel model = MtlModel.load(pkg, options)) {
      run(model, inputs, warmup);
      long base = settledRss();
      System.out.printf("after %d warm-up predictions: RSS %.1f MiB%n", warmup, base / 1048576.0);
      int done = 0;
      int report = Math.max(1, predictions / 10);
      int nextReport = report;
      while (done < predictions) {
        done += run(model, inputs, Math.min(report, predictions - done));
        if (done >= nextReport) {
          System.out.printf("%d predictions: RSS %.1f MiB%n", done, rss() / 1048576.0);
          nextReport += report;
        }
      }
      long end = settledRss();
      System.out.printf(
          "RSS growth over %d predictions after warm-up: %.1f MiB -> %.1f MiB = %+.2f%%%n",
          predictions, base / 1048576.0, end / 1048576.0, 100.0 * (end - base) / base);
    }
  }

  /** The package's graph through the int8 passes, written beside it as a single file. */
  private static Path int8(Path pkg) throws IOException {
    Model model = OnnxReader.read(pkg.resolve(ModelPackage.MODEL_ONNX));
    Map<String, PassReport> passes =
        GraphOptimizer.optimize(model, OptimizationLevel.INT8, Set.of());
    Path out = Files.createDirectories(pkg.resolveSibling("minilm-int8")).resolve("model.onnx");
    OnnxWriter.write(model, out);
    System.out.printf(
        "int8 graph: %d bytes (exported: %d bytes)%n",
        Files.size(out), Files.size(pkg.resolve(ModelPackage.MODEL_ONNX)));
    passes.forEach((stage, report) -> System.out.print(stage + ":\n" + report.toText()));
    return out;
  }

  private static int run(MtlModel model, List<ModelInput> inputs, int count) {
    int done = 0;
    int i = 0;
    while (done < count) {
      if (i % 2 == 0) {
        model.predict(inputs.get(i % inputs.size()), List.of());
        done++;
      } else {
        int n = Math.min(8, count - done);
        List<ModelInput> batch = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          batch.add(inputs.get((i + k) % inputs.size()));
        }
        model.predictBatch(batch, List.of());
        done += n;
      }
      i++;
    }
    return done;
  }

  private static long settledRss() throws IOException, InterruptedException {
    System.gc();
    Thread.sleep(500);
    return rss();
  }

  private static long rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
