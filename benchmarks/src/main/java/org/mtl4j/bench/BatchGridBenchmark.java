package org.mtl4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
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

/**
 * {@code predictBatch} of the MiniLM package (intent, topics, slots) over a grid of input lengths
 * and batch sizes: one call predicts {@code batch} different texts of {@code length} tokens each.
 * Divide a cell's time by its batch size for the time per text, to see where batching pays.
 *
 * <p>Run (build first: {@code mvn -B -o -DskipTests package -pl benchmarks -am}): {@code
 * benchmarks/jmh BatchGridBenchmark}, e.g. {@code -f 1 -wi 2 -i 3 -w 2s -r 2s} for a short run, or
 * {@code -p length=128 -p batch=1,32} for some cells.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true"})
public class BatchGridBenchmark {

  /** Tokens per input, special tokens included. */
  @Param({"16", "64", "128"})
  public int length;

  /** Inputs per call. */
  @Param({"1", "8", "32"})
  public int batch;

  /** ONNX Runtime intra-op threads. */
  @Param({"1"})
  public int threads;

  private MtlModel model;
  private List<ModelInput> inputs;
  private List<String> tasks;

  /** Writes and loads the package and makes the batch's texts. */
  @Setup
  public void setUp() {
    model = BenchModels.load(BenchModels.miniLmPackage(), threads);
    List<String> texts = BenchModels.texts(length, batch);
    inputs = texts.stream().map(ModelInput::of).toList();
    tasks = BenchModels.SINGLE.stream().map(TaskSpec::name).toList();
    BenchModels.warmJavaPaths(texts, LatencyBenchmark.WARM_CALLS);
  }

  /** Closes the model. */
  @TearDown
  public void tearDown() {
    model.close();
  }

  /** One batch in, one typed result per input out. */
  @Benchmark
  public List<Prediction> predictBatch() {
    return model.predictBatch(inputs, tasks);
  }
}
