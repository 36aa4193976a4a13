package org.mtl4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.passes.GraphOptimizer;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.graph.passes.PassReport;
import org.mtl4j.graph.rewrite.GraphEditor;
import org.mtl4j.runtime.TextTokenizer;
import org.mtl4j.zoo.pretrained.PretrainedSource;

/**
 * The fp16 level on the original all-MiniLM-L6-v2 against the float32 graphs it came from, in one
 * process: the fp16 and fused files are made here (passes timed), their sizes printed, the per-row
 * cosine similarity of the fp16 graph's hidden states against the original's at every real-token
 * position of a padded batch of tokenized texts (8 rows, 8 to 128 tokens), and the latency of the
 * original, fused and fp16 files called in turn on ONNX Runtime's CPU provider at sequence 128,
 * batch 1, with 1 and 2 intra-op threads. It also prints the operators of the graph the CPU session
 * actually runs for the fp16 file.
 *
 * <p>Usage: {@code Float16Comparison [calls] [warm-up]}
 */
public final class Float16Comparison {

  private static final String OUTPUT = "last_hidden_state";
  private static final int WIDTH = 384;
  private static final int[] LENGTHS = {8, 16, 24, 32, 64, 96, 128, 128};

  private Float16Comparison() {}

  /**
   * @param args calls per file (default 200), warm-up calls (default 30)
   * @throws Exception when a model cannot be read or run
   */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path dir = BenchModels.tempDir();
    Path original =
        Files.write(dir.resolve("model.onnx"), PretrainedSource.ALL_MINILM_L6_V2.onnxBytes());
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("portable", original);
    for (OptimizationLevel level :
        new OptimizationLevel[] {OptimizationLevel.FUSED, OptimizationLevel.FP16}) {
      long t0 = System.nanoTime();
      Model model = OnnxReader.read(original);
      Map<String, PassReport> reports = GraphOptimizer.optimize(model, level, Set.of());
      double seconds = (System.nanoTime() - t0) / 1e9;
      Path out = dir.resolve(level.fileName("model.onnx"));
      OnnxWriter.write(model, out);
      System.out.printf(Locale.ROOT, "%s: read + passes %.2f s%n", level.cliName(), seconds);
      reports.forEach((stage, r) -> System.out.print("  " + stage + "\n" + r.toText()));
      files.put(level.cliName(), out);
    }
    System.out.println("file sizes (bytes, ratio to the original):");
    long base = Files.size(original);
    for (Map.Entry<String, Path> e : files.entrySet()) {
      long size = Files.size(e.getValue());
      System.out.printf(
          Locale.ROOT, "  %-10s %,12d  %.3f%n", e.getKey(), size, size / (double) base);
    }
    cosines(original, files.get("fused"), files.get("fp16"));
    printSessionGraph(files.get("fp16"), dir.resolve("fp16.session.onnx"));
    for (int threads : new int[] {1, 2}) {
      OptimizedGraphLatency.latency(files, threads, 128, 1, calls, warmup);
    }
  }

  /**
   * Prints the operators of the graph ONNX Runtime's CPU provider runs for a file, after its own
   * optimizations and the casts it inserts around operators without a float16 kernel.
   */
  private static void printSessionGraph(Path model, Path optimized) throws Exception {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizedModelFilePath(optimized.toString());
      OrtEnvironment.getEnvironment().createSession(model.toString(), options).close();
    }
    Model session = OnnxReader.read(optimized);
    Map<String, Long> bytes = new TreeMap<>();
    session
        .graph()
        .initializers()
        .values()
        .forEach(t -> bytes.merge(t.elemType().displayName(), t.byteSize(), Long::sum));
    System.out.println(
        "the graph the CPU session runs for "
            + model.getFileName()
            + ": operators "
            + new GraphEditor(session).opCounts()
            + ", initializer bytes by type "
            + bytes);
  }

  /** Prints the worst and mean per-row cosine of fused and fp16 against the original. */
  private static void cosines(Path original, Path fused, Path fp16) throws OrtException {
    long[][] ids = new long[LENGTHS.length][128];
    long[][] mask = new long[LENGTHS.length][128];
    try (TextTokenizer tokenizer = BenchModels.tokenizer()) {
      for (int r = 0; r < LENGTHS.length; r++) {
        long[] tokens = tokenizer.tokenize(BenchModels.text(tokenizer, LENGTHS[r], r)).ids();
        for (int i = 0; i < tokens.length; i++) {
          ids[r][i] = tokens[i];
          mask[r][i] = 1;
        }
      }
    }
    Map<String, Object> feed =
        Map.of(
            "input_ids",
            ids,
            "attention_mask",
            mask,
            "token_type_ids",
            new long[LENGTHS.length][128]);
    float[] reference = hidden(original, feed);
    System.out.println(
        "per-row cosine against the original at real-token positions ("
            + LENGTHS.length
            + " rows of 8 to 128 tokens, padded to 128):");
    for (Map.Entry<String, Path> e : Map.of("fused", fused, "fp16", fp16).entrySet()) {
      float[] actual = hidden(e.getValue(), feed);
      double worst = 1;
      double sum = 0;
      int rows = 0;
      for (int r = 0; r < mask.length; r++) {
        for (int s = 0; s < 128; s++) {
          if (mask[r][s] == 0) {
            continue;
          }
          double c = cosine(reference, actual, (r * 128 + s) * WIDTH);
          worst = Math.min(worst, c);
          sum += c;
          rows++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  %-6s worst %.7f  mean %.7f  over %d rows%n",
          e.getKey(),
          worst,
          sum / rows,
          rows);
    }
  }

  private static double cosine(float[] a, float[] b, int offset) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = offset; i < offset + WIDTH; i++) {
      dot += a[i] * (double) b[i];
      na += a[i] * (double) a[i];
      nb += b[i] * (double) b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static float[] hidden(Path model, Map<String, Object> feed) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model.toString(), options)) {
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
          for (Map.Entry<String, Object> e : feed.entrySet()) {
            tensors.put(e.getKey(), OnnxTensor.createTensor(env, e.getValue()));
          }
          try (OrtSession.Result result = session.run(tensors)) {
            FloatBuffer out = ((OnnxTensor) result.get(OUTPUT).orElseThrow()).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
          }
        } finally {
          tensors.values().forEach(OnnxTensor::close);
        }
      }
    }
  }
}
