package org.mtl4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.export.ExportRequest;
import org.mtl4j.export.GraphExporter;
import org.mtl4j.export.OnnxRunner;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.train.encoder.TokenBatch;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The {@code --engine onnx} path of {@code mtl forward}: exports the checkpoint's encoder as a
 * portable graph in memory and runs it on ONNX Runtime (CPU), so its output file can be compared
 * with {@code --engine djl}'s.
 */
final class OnnxForward {

  private OnnxForward() {}

  /**
   * @param checkpoint the encoder
   * @param batch the tokenized inputs
   * @param manager the manager to create the result in
   * @return {@code last_hidden_state}
   */
  static NDArray lastHiddenState(EncoderCheckpoint checkpoint, TokenBatch batch, NDManager manager) {
    byte[] model = OnnxWriter.toBytes(GraphExporter.build(
        new ExportRequest(checkpoint.config(), checkpoint.weights(), List.of(), Map.of())));
    Map<String, long[][]> inputs = new HashMap<>();
    inputs.put("input_ids", batch.inputIds());
    inputs.put("attention_mask", batch.attentionMask());
    inputs.put("token_type_ids", batch.tokenTypeIds());
    try (OnnxRunner runner = OnnxRunner.open(model)) {
      FloatTensor hidden = runner.run(inputs).get("last_hidden_state");
      return manager.create(hidden.data(), new Shape(hidden.shape()));
    }
  }
}
