package org.mtl4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.passes.GraphOptimizer;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.graph.passes.PassReport;

/**
 * Latency of the graphs {@code mtl optimize} writes against the portable graph they came from, in
 * one process: the portable file is optimized here (the passes' time is printed), then every file
 * gets its own ONNX Runtime session (default optimization level) and the files are called in turn,
 * call by call, so all see the same machine load. Prints p50 per file and its ratio to the portable
 * graph's p50, per sequence length, batch size and intra-op thread count, and the session creation
 * time of each file.
 *
 * <p>Usage: {@code OptimizedGraphLatency PORTABLE.onnx [PUBLISHED_INT8.onnx] [calls] [warm-up]}
 */
public final class OptimizedGraphLatency {

  private static final int[][] SHAPES = {{16, 1}, {128, 1}, {128, 8}};

  private OptimizedGraphLatency() {}

  /**
   * @param args the portable graph, optionally a published int8 file to compare with, calls per
   *     shape (default 200), warm-up calls (default 30)
   * @throws Exception when a model cannot be read or run
   */
  public static void main(String[] args) throws Exception {
    Path portable = Path.of(args[0]);
    Path published = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    Path dir = Files.createTempDirectory("optimized");
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("portable", portable);
    for (OptimizationLevel level : List.of(OptimizationLevel.FUSED, OptimizationLevel.INT8)) {
      long t0 = System.nanoTime();
      Model model = OnnxReader.read(portable);
      Map<String, PassReport> reports = GraphOptimizer.optimize(model, level, Set.of());
      long passes = System.nanoTime() - t0;
      Path out = dir.resolve(level.fileName("model.onnx"));
      OnnxWriter.write(model, out);
      System.out.printf(Locale.ROOT, "%s: read + passes %.2f s%n", level.cliName(), passes / 1e9);
      reports.forEach((stage, r) -> System.out.print("  " + stage + "\n" + r.toText()));
      files.put(level.cliName(), out);
    }
    if (published != null) {
      files.put("published-int8", published);
    }
    sessionCreation(files);
    for (int threads : new int[] {1, 2}) {
      for (int[] shape : SHAPES) {
        latency(files, threads, shape[0], shape[1], calls, warmup);
      }
    }
  }

  private static OrtSession open(Path file, int threads) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      return OrtEnvironment.getEnvironment().createSession(file.toString(), options);
    }
  }

  private static void sessionCreation(Map<String, Path> files) throws OrtException {
    int rounds = 7;
    Map<String, long[]> times = new LinkedHashMap<>();
    files.keySet().forEach(k -> times.put(k, new long[rounds]));
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Path> e : files.entrySet()) {
        long t0 = System.nanoTime();
        open(e.getValue(), 1).close();
        times.get(e.getKey())[r] = System.nanoTime() - t0;
      }
    }
    System.out.println("session creation, median of " + rounds + " (ms):");
    times.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-16s %8.1f%n", k, p(v, 0.5) / 1e6));
  }

  /**
   * Calls every file in turn, call by call, and prints p50 and p99 per file and each p50's ratio to
   * the p50 of the file under the key {@code portable}.
   */
  static void latency(
      Map<String, Path> files, int threads, int length, int batch, int calls, int warmup)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OrtSession> sessions = new LinkedHashMap<>();
    Map<String, Map<String, OnnxTensor>> feeds = new HashMap<>();
    try {
      for (Map.Entry<String, Path> e : files.entrySet()) {
        OrtSession s = open(e.getValue(), threads);
        sessions.put(e.getKey(), s);
        feeds.put(e.getKey(), inputs(env, s.getInputNames(), length, batch));
      }
      Map<String, long[]> times = new LinkedHashMap<>();
      sessions.keySet().forEach(k -> times.put(k, new long[calls]));
      for (int i = -warmup; i < calls; i++) {
        for (Map.Entry<String, OrtSession> e : sessions.entrySet()) {
          long t0 = System.nanoTime();
          try (OrtSession.Result r = e.getValue().run(feeds.get(e.getKey()))) {
            long t = System.nanoTime() - t0;
            if (i >= 0) {
              times.get(e.getKey())[i] = t;
            }
          }
        }
      }
      double base = p(times.get("portable"), 0.5);
      System.out.printf(
          Locale.ROOT,
          "threads %d, sequence %d, batch %d (%d calls each, p50 ms, p99 ms, ratio to portable p50)%n",
          threads,
          length,
          batch,
          calls);
      times.forEach(
          (k, v) ->
              System.out.printf(
                  Locale.ROOT,
                  "  %-16s %8.3f %8.3f  %.3f%n",
                  k,
                  p(v, 0.5) / 1e6,
                  p(v, 0.99) / 1e6,
                  p(v, 0.5) / base));
      if (times.containsKey("published-int8")) {
        System.out.printf(
            Locale.ROOT,
            "  int8 / published-int8 p50: %.3f%n",
            p(times.get("int8"), 0.5) / p(times.get("published-int8"), 0.5));
      }
    } finally {
      for (Map<String, OnnxTensor> f : feeds.values()) {
        f.values().forEach(OnnxTensor::close);
      }
      for (OrtSession s : sessions.values()) {
        s.close();
      }
    }
  }

  private static Map<String, OnnxTensor> inputs(
      OrtEnvironment env, Set<String> names, int length, int batch) throws OrtException {
    Random random = new Random(length * 31L + batch);
    long[] ids = new long[length * batch];
    long[] ones = new long[length * batch];
    for (int i = 0; i < ids.length; i++) {
      int pos = i % length;
      ids[i] = pos == 0 ? 101 : pos == length - 1 ? 102 : 1000 + random.nextInt(20000);
      ones[i] = 1;
    }
    Map<String, OnnxTensor> feed = new HashMap<>();
    long[] shape = {batch, length};
    for (String name : names) {
      long[] values =
          switch (name) {
            case "input_ids" -> ids;
            case "attention_mask" -> ones;
            default -> new long[ids.length];
          };
      feed.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape));
    }
    return feed;
  }

  private static double p(long[] v, double q) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
  }
}
