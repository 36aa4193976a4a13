package org.mtl4j.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mtl4j.train.encoder.EncoderBlock;
import org.mtl4j.train.encoder.EncoderBlocks;
import org.mtl4j.zoo.pretrained.PretrainedSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Forward latency of a pretrained encoder on CPU: the training framework's DJL block (PyTorch
 * engine, eval mode) beside ONNX Runtime on the original ONNX file, same token ids, full batch (no
 * padding). Both return {@code last_hidden_state} as a Java float array.
 *
 * <p>{@code -p threads=1} runs both engines on one intra-op thread.
 *
 * <p>Run: {@code mvn -B -o -q package -pl benchmarks -am -DskipTests} then {@code java -cp
 * benchmarks/target/classes:$(cat benchmarks/target/bench.classpath) -Dai.djl.offline=true
 * org.openjdk.jmh.Main EncoderForwardBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class EncoderForwardBenchmark {

  @Param({"all-minilm-l6-v2"})
  String model;

  @Param({"8"})
  int batch;

  @Param({"128"})
  int length;

  /** Intra-op threads of both engines; 0 keeps each library's default (one per core). */
  @Param({"0"})
  int threads;

  private long[][] ids;
  private long[][] mask;
  private long[][] types;

  private NDManager manager;
  private EncoderBlock block;

  private OrtEnvironment env;
  private OrtSession session;

  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    if (threads > 0) {
      // read when the PyTorch engine starts, which is below
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    PretrainedSource source = PretrainedSource.get(model);
    SplittableRandom random = new SplittableRandom(7);
    ids = new long[batch][length];
    mask = new long[batch][length];
    types = new long[batch][length];
    for (int r = 0; r < batch; r++) {
      for (int t = 0; t < length; t++) {
        ids[r][t] = random.nextLong(1000, 29000);
        mask[r][t] = 1;
      }
    }
    manager = NDManager.newBaseManager("PyTorch");
    block = EncoderBlocks.of(source.load(), manager);
    env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (threads > 0) {
        options.setIntraOpNumThreads(threads);
      }
      session = env.createSession(source.onnxBytes(), options);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    session.close();
    manager.close();
  }

  /** The DJL block's forward pass in eval mode. */
  @Benchmark
  public float[] djl() {
    try (NDManager batchManager = manager.newSubManager()) {
      NDList inputs =
          new NDList(
              batchManager.create(ids), batchManager.create(mask), batchManager.create(types));
      return block
          .forward(new ParameterStore(batchManager, false), inputs, false)
          .get(0)
          .toFloatArray();
    }
  }

  /** ONNX Runtime on the original ONNX file, default session options. */
  @Benchmark
  public float[] onnxRuntime() throws OrtException {
    try (OnnxTensor inputIds = OnnxTensor.createTensor(env, ids);
        OnnxTensor attentionMask = OnnxTensor.createTensor(env, mask);
        OnnxTensor tokenTypeIds = OnnxTensor.createTensor(env, types);
        OrtSession.Result result =
            session.run(
                Map.of(
                    "input_ids", inputIds,
                    "attention_mask", attentionMask,
                    "token_type_ids", tokenTypeIds))) {
      OnnxTensor hidden = (OnnxTensor) result.get("last_hidden_state").orElseThrow();
      float[] out = new float[Math.toIntExact(hidden.getInfo().getNumElements())];
      hidden.getFloatBuffer().get(out);
      return out;
    }
  }
}
