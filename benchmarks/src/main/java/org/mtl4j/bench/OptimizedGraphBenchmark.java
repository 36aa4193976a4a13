package org.mtl4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.passes.GraphOptimizer;
import org.mtl4j.graph.passes.OptimizationLevel;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code predict} on the three flavours of the same MiniLM package (intent, topics, slots): the
 * portable fp32 graph the exporter writes, and the fused and int8 graphs {@code mtl optimize} makes
 * of it ({@link GraphOptimizer}, built here beside the package without the parity gate: timed, not
 * judged). Every session runs at ONNX Runtime's default optimization level, as users load models,
 * so ONNX Runtime's own fusions also apply to the fp32 graph.
 *
 * <p>Compare the p0.50 figures of the flavours at each length. Run (build first: {@code mvn -B -o
 * -DskipTests package -pl benchmarks -am}): {@code benchmarks/jmh OptimizedGraphBenchmark}, e.g.
 * {@code -f 1 -wi 2 -i 3 -w 2s -r 2s} for a short run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true"})
public class OptimizedGraphBenchmark {

  /** The graph: {@code fp32} (portable), or an optimization level's name. */
  @Param({"fp32", "fused", "int8"})
  public String flavour;

  /** Tokens per input, special tokens included. */
  @Param({"16", "128"})
  public int length;

  /** ONNX Runtime intra-op threads. */
  @Param({"1"})
  public int threads;

  private MtlModel model;
  private String text;

  /** Writes the package, optimizes its graph to the flavour and loads it. */
  @Setup
  public void setUp() {
    Path pkg = BenchModels.miniLmPackage();
    Path graph = pkg.resolve(ModelPackage.MODEL_ONNX);
    if (!flavour.equals("fp32")) {
      OptimizationLevel level = OptimizationLevel.parse(flavour);
      Path portable = graph;
      graph =
          BenchModels.besidePackage(
              pkg, level.fileName("minilm.onnx"), () -> optimized(portable, level));
    }
    model = BenchModels.load(graph, threads);
    text = BenchModels.texts(length, 1).get(0);
    BenchModels.warmJavaPaths(List.of(text), LatencyBenchmark.WARM_CALLS);
  }

  private static Model optimized(Path portable, OptimizationLevel level) {
    try {
      Model model = OnnxReader.read(portable);
      GraphOptimizer.optimize(model, level, Set.of());
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + portable, e);
    }
  }

  /** Closes the model. */
  @TearDown
  public void tearDown() {
    model.close();
  }

  /** Text in, typed results for intent, topics and slots out. */
  @Benchmark
  public Prediction predict() {
    return model.predict(text);
  }
}
