package org.mtl4j.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Map;
import java.util.Set;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Checks a session's inputs and outputs against the ONNX contract and the manifest (design.md):
 * int64 {@code [batch, sequence]} inputs {@code input_ids}, {@code attention_mask} and optionally
 * {@code token_type_ids}; one float output {@code <task>.logits} per task with the manifest's
 * label count.
 */
final class ModelContract {

  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";

  private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

  private ModelContract() {}

  /**
   * @param session the session to check
   * @param manifest the manifest it must satisfy
   * @param source the model's path, for messages
   * @return whether the model takes {@code token_type_ids}
   * @throws ModelLoadException naming the tensor and task that break the contract
   */
  static boolean check(OrtSession session, Manifest manifest, String source) {
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      for (String name : inputs.keySet()) {
        if (!KNOWN_INPUTS.contains(name)) {
          throw new ModelLoadException(
              source + ": unexpected model input '" + name + "'; the contract allows "
                  + INPUT_IDS + ", " + ATTENTION_MASK + ", " + TOKEN_TYPE_IDS);
        }
        checkTensor(source, "input", name, inputs.get(name), OnnxJavaType.INT64, 2);
      }
      for (String required : new String[] {INPUT_IDS, ATTENTION_MASK}) {
        if (!inputs.containsKey(required)) {
          throw new ModelLoadException(source + ": model has no input '" + required + "'");
        }
      }
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      for (TaskSpec task : manifest.tasks()) {
        NodeInfo info = outputs.get(task.outputName());
        if (info == null) {
          throw new ModelLoadException(
              source + ": task '" + task.name() + "' has no output '" + task.outputName()
                  + "'; outputs are " + outputs.keySet());
        }
        int rank = task.type().tokenLevel() ? 3 : 2;
        TensorInfo tensor =
            checkTensor(source, "output", task.outputName(), info, OnnxJavaType.FLOAT, rank);
        long classes = tensor.getShape()[rank - 1];
        if (classes > 0 && classes != task.labels().size()) {
          throw new ModelLoadException(
              source + ": output '" + task.outputName() + "' has " + classes
                  + " classes but task '" + task.name() + "' has " + task.labels().size()
                  + " labels");
        }
      }
      return inputs.containsKey(TOKEN_TYPE_IDS);
    } catch (OrtException e) {
      throw new ModelLoadException(source + ": cannot read model inputs/outputs: " + e.getMessage(), e);
    }
  }

  private static TensorInfo checkTensor(
      String source, String kind, String name, NodeInfo info, OnnxJavaType type, int rank) {
    if (!(info.getInfo() instanceof TensorInfo tensor)) {
      throw new ModelLoadException(source + ": " + kind + " '" + name + "' is not a tensor");
    }
    if (tensor.type != type || tensor.getShape().length != rank) {
      throw new ModelLoadException(
          source + ": " + kind + " '" + name + "' is " + tensor.type + " of rank "
              + tensor.getShape().length + ", expected " + type + " of rank " + rank);
    }
    return tensor;
  }
}
