package org.mtl4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TextTokenizer;
import org.mtl4j.zoo.pkg.OnnxContract;
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
 * End-to-end {@code MtlModel.predict} (tokenize, tensors, run, decode three tasks) against a raw
 * {@code OrtSession.run} of the same model, options and tensors (run and close only). Compare the
 * p0.50 figures of {@code predict} and {@code rawRun} at each length.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true"})
public class LatencyBenchmark {

  /** Tokens per input, special tokens included. */
  @Param({"16", "128"})
  public int length;

  /** ONNX Runtime intra-op threads for both paths. */
  @Param({"1"})
  public int threads;

  /** Tiny-model predictions that bring the Java code to steady state before JMH's warm-up. */
  static final int WARM_CALLS = 20_000;

  private MtlModel model;
  private SessionOptions rawOptions;
  private OrtSession raw;
  private Map<String, OnnxTensor> tensors;
  private Set<String> outputs;
  private String text;

  /** Loads the model twice (typed and raw) and prepares the input. */
  @Setup
  public void setUp() throws OrtException {
    Path pkg = BenchModels.miniLmPackage();
    model = MtlModel.load(pkg, RuntimeOptions.builder().optIntraOpThreads(threads).build());
    long[] ids;
    try (TextTokenizer tokenizer = BenchModels.tokenizer()) {
      text = BenchModels.text(tokenizer, length, 1);
      ids = tokenizer.tokenize(text).ids();
    }
    BenchModels.warmJavaPaths(java.util.List.of(text), WARM_CALLS);
    rawOptions = new SessionOptions();
    rawOptions.setIntraOpNumThreads(threads);
    rawOptions.setInterOpNumThreads(1);
    rawOptions.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
    rawOptions.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
    rawOptions.addConfigEntry("session.intra_op.allow_spinning", "0");
    rawOptions.addConfigEntry("session.inter_op.allow_spinning", "0");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    raw = env.createSession(pkg.resolve("model.onnx").toString(), rawOptions);
    long[] shape = {1, ids.length};
    long[] ones = new long[ids.length];
    java.util.Arrays.fill(ones, 1L);
    tensors =
        Map.of(
            OnnxContract.INPUT_IDS, OnnxTensor.createTensor(env, direct(ids), shape),
            OnnxContract.ATTENTION_MASK, OnnxTensor.createTensor(env, direct(ones), shape),
            OnnxContract.TOKEN_TYPE_IDS,
                OnnxTensor.createTensor(env, direct(new long[ids.length]), shape));
    outputs =
        Set.of(
            BenchModels.INTENT.outputName(),
            BenchModels.TOPICS.outputName(),
            BenchModels.SLOTS.outputName());
  }

  private static LongBuffer direct(long[] values) {
    LongBuffer buffer =
        ByteBuffer.allocateDirect(values.length * Long.BYTES)
            .order(ByteOrder.nativeOrder())
            .asLongBuffer();
    buffer.put(values).flip();
    return buffer;
  }

  /** Releases both sessions and the tensors. */
  @TearDown
  public void tearDown() throws OrtException {
    tensors.values().forEach(OnnxTensor::close);
    raw.close();
    rawOptions.close();
    model.close();
  }

  /** Text in, typed results for intent, topics and slots out. */
  @Benchmark
  public Prediction predict() {
    return model.predict(text);
  }

  /** The same model's session run on ready tensors; results closed unread. */
  @Benchmark
  public int rawRun() throws OrtException {
    try (OrtSession.Result result = raw.run(tensors, outputs)) {
      return result.size();
    }
  }
}
