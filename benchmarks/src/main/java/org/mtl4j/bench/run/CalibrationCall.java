package org.mtl4j.bench.run;

import java.util.List;
import java.util.Map;
import org.mtl4j.export.ExportRequest;
import org.mtl4j.export.GraphExporter;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * The calibration workload a baseline is measured against: a fixed BERT encoder (2 layers, hidden
 * 384, 6 heads, feed-forward 1536, seeded weights) built by the exporter on graph-tools, run on
 * inputs of the same shape (rows × padded length) as the model's inputs of the same round. Its cost
 * depends only on the machine, ONNX Runtime and the shape, so the model's latency divided by it
 * moves when the model gets slower, not when the machine does, and each round's ratio is free of
 * the input's length. Runs on the runtime's {@link InferenceSession}; owns it.
 */
public final class CalibrationCall implements BenchCall {

  /** Identifies this calibration graph and its inputs in baselines; change it when they change. */
  public static final String ID = "bert-2x384-seed7-model-shapes";

  private static final int VOCABULARY = 1000;

  private static final long SEED = 7;

  private final InferenceSession session;
  private final List<Map<String, long[][]>> inputs;

  /**
   * @param options the model's runtime options (threads, spinning); the provider is CPU
   * @param shapes the model's inputs per workload item, whose shapes the calibration copies
   */
  public CalibrationCall(RuntimeOptions options, List<PackedBatch> shapes) {
    BertConfig config =
        new BertConfig(
            EncoderFamily.BERT,
            VOCABULARY,
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
    inputs = shapes.stream().map(CalibrationCall::inputsShapedLike).toList();
    session = InferenceSession.open(onnx, options);
  }

  /** Fixed token ids with the batch's shape and attention mask. */
  private static Map<String, long[][]> inputsShapedLike(PackedBatch batch) {
    long[][] ids = new long[batch.rows()][batch.length()];
    for (int r = 0; r < batch.rows(); r++) {
      for (int i = 0; i < batch.length(); i++) {
        ids[r][i] = 1 + ((r * 131L + i) * 37L) % (VOCABULARY - 1);
      }
    }
    return Map.of(
        OnnxContract.INPUT_IDS,
        ids,
        OnnxContract.ATTENTION_MASK,
        batch.rowsOf(batch.attentionMask()));
  }

  @Override
  public String name() {
    return "calibration (" + ID + ")";
  }

  @Override
  public void call(int item) {
    if (!session.run(inputs.get(item)).containsKey(OnnxContract.LAST_HIDDEN_STATE)) {
      throw new IllegalStateException(
          "the calibration graph has no " + OnnxContract.LAST_HIDDEN_STATE);
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
