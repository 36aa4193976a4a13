package org.mtl4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.export.ExportRequest;
import org.mtl4j.export.GraphExporter;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.train.encoder.TokenBatch;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The {@code --engine onnx} path of {@code mtl forward}: exports the encoder (and a package's
 * heads) as a portable graph in memory and runs it on ONNX Runtime (CPU), so its output file can be
 * compared with {@code --engine djl}'s: {@code last_hidden_state}, then {@code <task>.logits}.
 */
final class OnnxForward {

  private OnnxForward() {}

  /**
   * @param checkpoint the encoder
   * @param pkg the package whose heads to run, or null for the encoder alone
   * @param batch the tokenized inputs
   * @param manager the manager to create the results in
   * @return outputs by name, {@code last_hidden_state} first
   */
  static Map<String, NDArray> outputs(
      EncoderCheckpoint checkpoint, ModelPackage pkg, TokenBatch batch, NDManager manager) {
    List<TaskSpec> tasks = pkg == null ? List.of() : pkg.manifest().tasks();
    Map<String, FloatTensor> weights = pkg == null ? checkpoint.weights() : pkg.readWeights();
    byte[] model =
        OnnxWriter.toBytes(
            GraphExporter.build(
                new ExportRequest(checkpoint.config(), weights, tasks, Map.of(), true)));
    Map<String, long[][]> inputs = new HashMap<>();
    inputs.put(OnnxContract.INPUT_IDS, batch.inputIds());
    inputs.put(OnnxContract.ATTENTION_MASK, batch.attentionMask());
    inputs.put(OnnxContract.TOKEN_TYPE_IDS, batch.tokenTypeIds());
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (InferenceSession session = InferenceSession.open(model, RuntimeOptions.defaults())) {
      Map<String, FloatTensor> result = session.run(inputs);
      out.put(
          OnnxContract.LAST_HIDDEN_STATE,
          array(result.get(OnnxContract.LAST_HIDDEN_STATE), manager));
      for (TaskSpec task : tasks) {
        out.put(task.outputName(), array(result.get(task.outputName()), manager));
      }
    }
    return out;
  }

  private static NDArray array(FloatTensor t, NDManager manager) {
    return manager.create(t.data(), new Shape(t.shape()));
  }
}
