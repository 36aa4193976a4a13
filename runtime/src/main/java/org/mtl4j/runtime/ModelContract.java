package org.mtl4j.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.List;
import java.util.Map;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Checks a session's inputs and outputs against the ONNX contract ({@link OnnxContract}) and the
 * manifest: int64 {@code [batch, sequence]} contract inputs; one float output {@code <task>.logits}
 * per task with the manifest's label count.
 */
final class ModelContract {

  private static final List<String> KNOWN_INPUTS = OnnxContract.allInputs();

  private ModelContract() {}

  /**
   * @param session the session to check
   * @param manifest the manifest it must satisfy
   * @param source the model's path, for messages
   * @throws ModelLoadException naming the tensor and task that break the contract
   */
  static void check(OrtSession session, Manifest manifest, String source) {
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      for (String name : inputs.keySet()) {
        if (!KNOWN_INPUTS.contains(name)) {
          throw new ModelLoadException(
              source
                  + ": unexpected model input '"
                  + name
                  + "'; the contract allows "
                  + String.join(", ", KNOWN_INPUTS));
        }
        checkTensor(source, "input", name, inputs.get(name), OnnxJavaType.INT64, 2);
      }
      for (String required : OnnxContract.inputs(false)) {
        if (!inputs.containsKey(required)) {
          throw new ModelLoadException(source + ": model has no input '" + required + "'");
        }
      }
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      for (TaskSpec task : manifest.tasks()) {
        NodeInfo info = outputs.get(task.outputName());
        if (info == null) {
          throw new ModelLoadException(
              source
                  + ": task '"
                  + task.name()
                  + "' has no output '"
                  + task.outputName()
                  + "'; outputs are "
                  + outputs.keySet());
        }
        int rank = task.type().tokenLevel() ? 3 : 2;
        TensorInfo tensor =
            checkTensor(source, "output", task.outputName(), info, OnnxJavaType.FLOAT, rank);
        long classes = tensor.getShape()[rank - 1];
        if (classes > 0 && classes != task.labels().size()) {
          throw new ModelLoadException(
              source
                  + ": output '"
                  + task.outputName()
                  + "' has "
                  + classes
                  + " classes but task '"
                  + task.name()
                  + "' has "
                  + task.labels().size()
                  + " labels");
        }
      }
    } catch (OrtException e) {
      throw new ModelLoadException(
          source + ": cannot read model inputs/outputs: " + e.getMessage(), e);
    }
  }

  private static TensorInfo checkTensor(
      String source, String kind, String name, NodeInfo info, OnnxJavaType type, int rank) {
    if (!(info.getInfo() instanceof TensorInfo tensor)) {
      throw new ModelLoadException(source + ": " + kind + " '" + name + "' is not a tensor");
    }
    if (tensor.type != type || tensor.getShape().length != rank) {
      throw new ModelLoadException(
          source
              + ": "
              + kind
              + " '"
              + name
              + "' is "
              + tensor.type
              + " of rank "
              + tensor.getShape().length
              + ", expected "
              + type
              + " of rank "
              + rank);
    }
    return tensor;
  }
}
