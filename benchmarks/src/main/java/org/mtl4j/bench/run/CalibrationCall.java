package org.mtl4j.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.export.ExportRequest;
import org.mtl4j.export.GraphExporter;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * The calibration workload a baseline is measured against: a fixed BERT encoder (hidden 384, 6
 * heads, feed-forward 1536, seeded weights) built by the exporter on graph-tools, with as many
 * layers as make its weights about as large as the model's, run on inputs of the same shape (rows ×
 * padded length) as the model's inputs of the same round. Its cost depends only on the machine,
 * ONNX Runtime and the shape, and it streams as many weight bytes through the caches as the model,
 * so the model's latency divided by it moves when the model gets slower, not when the machine or
 * its memory traffic does, and each round's ratio is free of the input's length. The layer count is
 * fixed when a baseline is saved and read back from it. Runs on the runtime's {@link
 * InferenceSession}; owns it.
 */
public final class CalibrationCall implements BenchCall {

  private static final String ID_PREFIX = "bert-";

  private static final String ID_SUFFIX = "x384-seed7-model-shapes";

  private static final int VOCABULARY = 1000;

  private static final int HIDDEN = 384;

  private static final int FEED_FORWARD = 4 * HIDDEN;

  /** Weight bytes of one calibration layer: four attention and two feed-forward matrices. */
  private static final long LAYER_BYTES =
      (4L * HIDDEN * HIDDEN + 2L * HIDDEN * FEED_FORWARD) * Float.BYTES;

  private static final int MAX_LAYERS = 48;

  private static final long SEED = 7;

  private final String id;
  private final InferenceSession session;
  private final List<Map<String, long[][]>> inputs;

  /**
   * @param options the model's runtime options (threads, spinning); the provider is CPU
   * @param shapes the model's inputs per workload item, whose shapes the calibration copies
   * @param layers the encoder's layers ({@link #layersFor} or {@link #layersOf} a baseline's id)
   */
  public CalibrationCall(RuntimeOptions options, List<PackedBatch> shapes, int layers) {
    BertConfig config =
        new BertConfig(
            EncoderFamily.BERT,
            VOCABULARY,
            HIDDEN,
            layers,
            6,
            FEED_FORWARD,
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
    id = id(layers);
    inputs = shapes.stream().map(CalibrationCall::inputsShapedLike).toList();
    session = InferenceSession.open(onnx, options);
  }

  /**
   * @param layers the calibration's layers
   * @return the id recorded in baselines; it changes when the calibration graph or inputs do
   */
  public static String id(int layers) {
    return ID_PREFIX + layers + ID_SUFFIX;
  }

  /**
   * @param id a calibration id recorded in a baseline
   * @return its layer count
   * @throws BenchInputException when this version has no such calibration
   */
  public static int layersOf(String id) {
    if (id.startsWith(ID_PREFIX) && id.endsWith(ID_SUFFIX)) {
      String layers = id.substring(ID_PREFIX.length(), id.length() - ID_SUFFIX.length());
      if (layers.matches("[0-9]{1,2}")
          && Integer.parseInt(layers) >= 1
          && Integer.parseInt(layers) <= MAX_LAYERS) {
        return Integer.parseInt(layers);
      }
    }
    throw new BenchInputException(
        "the baseline was measured against calibration '"
            + id
            + "', which this version of mtl bench does not run; save the baseline again");
  }

  /**
   * The layer count whose weights are about as large as the model's: the bytes of its constant
   * matrices read by anything but a row lookup (embedding tables are only gathered, not streamed).
   *
   * @param onnx the model's file
   * @return between 1 and {@value #MAX_LAYERS}
   */
  public static int layersFor(Path onnx) {
    Model model;
    try {
      model = OnnxReader.read(onnx);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + onnx + ": " + e.getMessage(), e);
    }
    Map<String, Tensor> constants = model.graph().initializers();
    Set<String> streamed = new HashSet<>();
    for (Node n : model.graph().nodes()) {
      if (n.opType().equals("Gather") || n.opType().equals("EmbedLayerNormalization")) {
        continue;
      }
      streamed.addAll(n.inputs());
    }
    long bytes = 0;
    for (String name : streamed) {
      Tensor t = constants.get(name);
      if (t != null && t.rank() >= 2) {
        bytes += t.elemType().byteSize(t.elementCount());
      }
    }
    return (int) Math.max(1, Math.min(MAX_LAYERS, Math.round((double) bytes / LAYER_BYTES)));
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
    return "calibration (" + id + ")";
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
