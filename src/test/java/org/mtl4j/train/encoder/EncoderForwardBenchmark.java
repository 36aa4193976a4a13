package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.mtl4j.bench.stats.Bootstrap;
import org.mtl4j.bench.stats.LatencySummary;
import org.mtl4j.bench.stats.RatioEstimate;
import org.mtl4j.zoo.pretrained.PretrainedSource;

/**
 * Forward latency of a pretrained encoder on CPU: the training framework's DJL block (PyTorch
 * engine, eval mode) beside ONNX Runtime on the original ONNX file, same token ids, full batch (no
 * padding), both returning {@code last_hidden_state} as a Java float array. The two calls alternate
 * in one JVM, so both see the same load; it prints the median of each and the paired ratio DJL /
 * ONNX Runtime with its 95 % bootstrap interval. Not a unit test.
 *
 * <p>Run: {@code mvn -B -o -q package -pl src -am -DskipTests} (or {@code test-compile}), then
 * {@code java -Dai.djl.offline=true -cp src/target/test-classes:src/target/classes:$(cat
 * src/target/mtl.classpath) org.mtl4j.train.encoder.EncoderForwardBenchmark [model
 * all-minilm-l6-v2] [batch 8] [length 128] [threads 1] [calls 100]}.
 */
public final class EncoderForwardBenchmark {

  private EncoderForwardBenchmark() {}

  /**
   * @param args [pretrained model] [batch] [length] [intra-op threads of both engines] [calls]
   * @throws OrtException when ONNX Runtime fails
   */
  public static void main(String[] args) throws OrtException {
    String model = args.length > 0 ? args[0] : "all-minilm-l6-v2";
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int length = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int calls = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    // read when the PyTorch engine starts, which is below
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    PretrainedSource source = PretrainedSource.get(model);
    SplittableRandom random = new SplittableRandom(7);
    long[][] ids = new long[batch][length];
    long[][] mask = new long[batch][length];
    long[][] types = new long[batch][length];
    for (int r = 0; r < batch; r++) {
      for (int t = 0; t < length; t++) {
        ids[r][t] = random.nextLong(1000, 29000);
        mask[r][t] = 1;
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      EncoderBlock block = EncoderBlocks.of(source.load(), manager);
      try (OrtSession session = env.createSession(source.onnxBytes(), options)) {
        long[] djl = new long[calls];
        long[] ort = new long[calls];
        int warmup = Math.max(5, calls / 10);
        for (int i = -warmup; i < calls; i++) {
          long t0 = System.nanoTime();
          djl(block, manager, ids, mask, types);
          long t1 = System.nanoTime();
          onnxRuntime(env, session, ids, mask, types);
          long t2 = System.nanoTime();
          if (i >= 0) {
            djl[i] = t1 - t0;
            ort[i] = t2 - t1;
          }
        }
        RatioEstimate ratio = new Bootstrap(Bootstrap.DEFAULT_RESAMPLES, 1).pairedRatio(djl, ort);
        System.out.printf(
            Locale.ROOT,
            "%s batch %d x %d tokens, %d threads, %d calls: DJL p50 %.2f ms, ONNX Runtime p50 %.2f ms,"
                + " DJL / ONNX Runtime %s%n",
            model,
            batch,
            length,
            threads,
            calls,
            LatencySummary.of(djl).p50() / 1e6,
            LatencySummary.of(ort).p50() / 1e6,
            ratio.format());
      }
    }
  }

  /** The DJL block's forward pass in eval mode. */
  private static float[] djl(
      EncoderBlock block, NDManager manager, long[][] ids, long[][] mask, long[][] types) {
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

  /** ONNX Runtime on the original ONNX file. */
  private static float[] onnxRuntime(
      OrtEnvironment env, OrtSession session, long[][] ids, long[][] mask, long[][] types)
      throws OrtException {
    try (OnnxTensor inputIds = OnnxTensor.createTensor(env, ids);
        OnnxTensor attentionMask = OnnxTensor.createTensor(env, mask);
        OnnxTensor tokenTypeIds = OnnxTensor.createTensor(env, types);
        OrtSession.Result result =
            session.run(
                Map.of(
                    "input_ids",
                    inputIds,
                    "attention_mask",
                    attentionMask,
                    "token_type_ids",
                    tokenTypeIds))) {
      OnnxTensor hidden = (OnnxTensor) result.get("last_hidden_state").orElseThrow();
      float[] out = new float[Math.toIntExact(hidden.getInfo().getNumElements())];
      hidden.getFloatBuffer().get(out);
      return out;
    }
  }
}
