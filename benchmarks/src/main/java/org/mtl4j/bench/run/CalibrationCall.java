package org.mtl4j.bench.run;

import java.util.List;
import java.util.Map;
import org.mtl4j.export.ExportRequest;
import org.mtl4j.export.GraphExporter;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * The calibration workload a baseline is measured against: a fixed BERT encoder (2 layers, hidden
 * 384, 6 heads, feed-forward 1536, seeded weights) built by the exporter on graph-tools, run on one
 * fixed row of {@value #TOKENS} tokens. Its cost depends only on the machine and ONNX Runtime, so
 * the model's latency divided by it moves when the model gets slower, not when the machine does.
 * Runs on the runtime's {@link InferenceSession}; owns it.
 */
public final class CalibrationCall implements BenchCall {

  /** Tokens of the calibration input. */
  public static final int TOKENS = 64;

  /** Identifies this calibration graph and input in baselines; change it when they change. */
  public static final String ID = "bert-2x384-seq64-seed7";

  private static final long SEED = 7;

  private final InferenceSession session;
  private final Map<String, long[][]> inputs;

  /**
   * @param options the model's runtime options (threads, spinning); the provider is CPU
   */
  public CalibrationCall(RuntimeOptions options) {
    BertConfig config =
        new BertConfig(
            EncoderFamily.BERT,
            1000,
            384,
            2,
            6,
            1536,
            Activation.GELU,
            512,
            2,
            1e-12,
            0,
            0.1,
            0.1,
            0.02);
    byte[] onnx =
        OnnxWriter.toBytes(
            GraphExporter.build(
                new ExportRequest(
                    config, RandomWeights.of(config, false, SEED), List.of(), Map.of())));
    long[][] ids = new long[1][TOKENS];
    long[][] ones = new long[1][TOKENS];
    for (int i = 0; i < TOKENS; i++) {
      ids[0][i] = 1 + (i * 37L) % 999;
      ones[0][i] = 1;
    }
    inputs = Map.of(OnnxContract.INPUT_IDS, ids, OnnxContract.ATTENTION_MASK, ones);
    session = InferenceSession.open(onnx, options);
  }

  @Override
  public String name() {
    return "calibration (" + ID + ")";
  }

  @Override
  public void call(int item) {
    if (!session.run(inputs).containsKey(OnnxContract.LAST_HIDDEN_STATE)) {
      throw new IllegalStateException(
          "the calibration graph has no " + OnnxContract.LAST_HIDDEN_STATE);
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
