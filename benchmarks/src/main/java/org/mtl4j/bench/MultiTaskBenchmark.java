package org.mtl4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskSpec;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Why one multi-task graph: the MiniLM package's three single-text tasks (intent, topics, slots)
 * served three ways, one text per call.
 *
 * <ul>
 *   <li>{@code kTaskGraph}: one {@code predict} of the three-task graph; the encoder runs once for
 *       all heads.
 *   <li>{@code singleTaskGraphs}: one {@code predict} on each of three single-task graphs, as three
 *       separately trained models would be served.
 *   <li>{@code encoderPerTask}: the original library's way: the three-task graph run once per task,
 *       each run asking for one task's output, so the encoder runs once per task.
 * </ul>
 *
 * <p>Compare the p0.50 figures: the other two should take about three times {@code kTaskGraph}. Run
 * (build first: {@code mvn -B -o -DskipTests package -pl benchmarks -am}): {@code benchmarks/jmh
 * MultiTaskBenchmark}, e.g. {@code -p length=16 -f 1 -wi 2 -i 3 -w 2s -r 2s} for a short run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true"})
public class MultiTaskBenchmark {

  /** Tokens per input, special tokens included. */
  @Param({"16", "128"})
  public int length;

  /** ONNX Runtime intra-op threads of every session. */
  @Param({"1"})
  public int threads;

  private MtlModel threeTasks;
  private final List<MtlModel> singleTasks = new ArrayList<>();
  private ModelInput input;

  /** Writes the package, one graph per task beside it, and loads all four graphs. */
  @Setup
  public void setUp() {
    Path pkg = BenchModels.miniLmPackage();
    ModelPackage opened = ModelPackage.open(pkg);
    threeTasks = BenchModels.load(pkg, threads);
    for (TaskSpec task : BenchModels.SINGLE) {
      Path graph =
          BenchModels.besidePackage(
              pkg, task.name() + ".onnx", () -> BenchModels.graph(opened, List.of(task)));
      singleTasks.add(BenchModels.load(graph, threads));
    }
    String text = BenchModels.texts(length, 1).get(0);
    input = ModelInput.of(text);
    BenchModels.warmJavaPaths(List.of(text), LatencyBenchmark.WARM_CALLS);
  }

  /** Closes the four models. */
  @TearDown
  public void tearDown() {
    singleTasks.forEach(MtlModel::close);
    threeTasks.close();
  }

  /** One run of the three-task graph: all three results. */
  @Benchmark
  public Prediction kTaskGraph() {
    return threeTasks.predict(input.text());
  }

  /** One run of each single-task graph. */
  @Benchmark
  public void singleTaskGraphs(Blackhole results) {
    for (MtlModel model : singleTasks) {
      results.consume(model.predict(input.text()));
    }
  }

  /** The three-task graph run once per task, each run asking for that task's output only. */
  @Benchmark
  public void encoderPerTask(Blackhole results) {
    for (TaskSpec task : BenchModels.SINGLE) {
      results.consume(threeTasks.predict(input, List.of(task.name())));
    }
  }
}
