package org.mtl4j.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TextTokenizer;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 16 concurrent callers on one model, each predicting texts of 8 to 48 tokens: direct calls ({@code
 * unbatched}) against the {@link MicroBatcher} ({@code batched}). Both use the same model options.
 * Throughput mode gives ops/ms, SampleTime mode the latency percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(16)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true"})
public class ConcurrencyBenchmark {

  /** {@code unbatched}: callers run the model themselves; {@code batched}: via the batcher. */
  @Param({"unbatched", "batched"})
  public String mode;

  /** ONNX Runtime intra-op threads (default: all processors). */
  @Param({"0"})
  public int threads;

  private MtlModel model;
  private MicroBatcher batcher;
  private List<String> texts;

  /** Per-caller position in the text list. */
  @State(Scope.Thread)
  public static class Caller {
    private final Random random = new Random(Thread.currentThread().getId());

    int next(int bound) {
      return random.nextInt(bound);
    }
  }

  /** Loads the model, the batcher and 64 texts. */
  @Setup
  public void setUp() {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    model =
        MtlModel.load(
            BenchModels.miniLmPackage(), RuntimeOptions.builder().optIntraOpThreads(intra).build());
    batcher =
        new MicroBatcher(
            model,
            new BatcherOptions(16, Duration.ofMillis(2), 1024, Duration.ofMinutes(1), 1),
            InferenceListener.NONE);
    texts = new ArrayList<>();
    Random random = new Random(3);
    try (TextTokenizer tokenizer = BenchModels.tokenizer()) {
      for (int i = 0; i < 64; i++) {
        texts.add(BenchModels.text(tokenizer, 8 + random.nextInt(41), i));
      }
    }
    BenchModels.warmJavaPaths(texts, LatencyBenchmark.WARM_CALLS);
  }

  /** Stops the batcher and releases the model. */
  @TearDown
  public void tearDown() {
    batcher.close();
    model.close();
  }

  /** One prediction by one of the 16 callers. */
  @Benchmark
  public Prediction predict(Caller caller) throws TimeoutException, InterruptedException {
    ModelInput input = ModelInput.of(texts.get(caller.next(texts.size())));
    return mode.equals("batched")
        ? batcher.predict(input, List.of())
        : model.predict(input, List.of());
  }
}
