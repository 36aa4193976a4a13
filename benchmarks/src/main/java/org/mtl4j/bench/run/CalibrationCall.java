package org.mtl4j.bench.run;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.export.ExportRequest;
import org.mtl4j.export.GraphExporter;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * The calibration workload a baseline is measured against: a fixed BERT encoder (2 layers,
 * hidden 384, 6 heads, feed-forward 1536, seeded weights) built by the exporter on graph-tools,
 * run on one fixed row of {@value #TOKENS} tokens. Its cost depends only on the machine and ONNX
 * Runtime, so the model's latency divided by it moves when the model gets slower, not when the
 * machine does. Owns its session.
 */
public final class CalibrationCall implements BenchCall {

  /** Tokens of the calibration input. */
  public static final int TOKENS = 64;

  /** Identifies this calibration graph and input in baselines; change it when they change. */
  public static final String ID = "bert-2x384-seq64-seed7";

  private static final long SEED = 7;

  private final SessionOptions options;
  private final OrtSession session;
  private final Map<String, OnnxTensor> inputs;
  private boolean closed;

  /**
   * @param threads intra-op threads, as the model's
   */
  public CalibrationCall(int threads) {
    BertConfig config = new BertConfig(
        EncoderFamily.BERT, 1000, 384, 2, 6, 1536, Activation.GELU, 512, 2, 1e-12, 0, 0.1, 0.1, 0.02);
    byte[] onnx = OnnxWriter.toBytes(GraphExporter.build(
        new ExportRequest(config, RandomWeights.of(config, false, SEED), List.of(), Map.of())));
    SessionOptions so = null;
    OrtSession s = null;
    try {
      so = Sessions.options(threads);
      s = OrtEnvironment.getEnvironment().createSession(onnx, so);
      long[] ids = new long[TOKENS];
      long[] ones = new long[TOKENS];
      for (int i = 0; i < TOKENS; i++) {
        ids[i] = 1 + (i * 37L) % 999;
        ones[i] = 1;
      }
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      long[] shape = {1, TOKENS};
      inputs = Map.of(
          "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape),
          "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape),
          "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[TOKENS]), shape));
    } catch (OrtException e) {
      Sessions.close(s, so);
      throw new IllegalStateException("ONNX Runtime cannot run the calibration graph: " + e.getMessage(), e);
    }
    this.options = so;
    this.session = s;
  }

  @Override
  public String name() {
    return "calibration (" + ID + ")";
  }

  @Override
  public void call(int item) throws OrtException {
    try (OrtSession.Result result = session.run(inputs, Set.of("last_hidden_state"))) {
      if (result.size() != 1) {
        throw new IllegalStateException("the calibration graph returned " + result.size() + " outputs");
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    inputs.values().forEach(OnnxTensor::close);
    Sessions.close(session, options);
  }
}
