package org.mtl4j.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.ir.Dim;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.zoo.io.AtomicFiles;

/**
 * Writes a Triton Inference Server model repository for an exported graph: {@code
 * DIR/<name>/config.pbtxt} (inputs and outputs with the batch axis left to Triton, dynamic
 * batching, the onnxruntime backend, optionally a TensorRT accelerator section) and {@code
 * DIR/<name>/1/model.onnx} with its external data. Triton is how users serve beyond one JVM.
 */
public final class TritonRepository {

  /** The most rows Triton may batch into one request. */
  public static final int MAX_BATCH_SIZE = 64;

  private TritonRepository() {}

  /**
   * @param files the exported model first, then its external-data files
   * @param repository the repository folder (created when missing)
   * @param name the model's name in the repository
   * @param tensorRt whether to add a TensorRT execution accelerator section (GPU instances)
   * @return the written config.pbtxt
   */
  public static Path write(List<Path> files, Path repository, String name, boolean tensorRt) {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "Triton model name '" + name + "' may hold only letters, digits, '_', '.', '-'");
    }
    try {
      Model model = OnnxReader.read(files.get(0));
      Path modelDir = repository.resolve(name);
      Path version = modelDir.resolve("1");
      Files.createDirectories(version);
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        Path dest = version.resolve(i == 0 ? "model.onnx" : f.getFileName().toString());
        AtomicFiles.write(dest, out -> Files.copy(f, out));
      }
      Path config = modelDir.resolve("config.pbtxt");
      AtomicFiles.writeString(config, config(model, name, tensorRt));
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the Triton repository " + repository + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param model the exported model
   * @param name the model's name
   * @param tensorRt whether to add the TensorRT section
   * @return the config.pbtxt text
   */
  static String config(Model model, String name, boolean tensorRt) {
    StringBuilder out = new StringBuilder();
    out.append("name: \"").append(name).append("\"\n");
    out.append("backend: \"onnxruntime\"\n");
    out.append("max_batch_size: ").append(MAX_BATCH_SIZE).append('\n');
    out.append("input [\n");
    tensors(out, model.graph().inputs());
    out.append("]\noutput [\n");
    tensors(out, model.graph().outputs());
    out.append("]\n");
    out.append("dynamic_batching {\n  max_queue_delay_microseconds: 1000\n}\n");
    if (tensorRt) {
      out.append("optimization {\n  execution_accelerators {\n    gpu_execution_accelerator: [\n")
          .append("      {\n        name: \"tensorrt\"\n")
          .append("        parameters { key: \"precision_mode\" value: \"FP32\" }\n")
          .append(
              "        parameters { key: \"max_workspace_size_bytes\" value: \"1073741824\" }\n")
          .append("      }\n    ]\n  }\n}\n");
    }
    return out.toString();
  }

  private static void tensors(StringBuilder out, List<Value> values) {
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      out.append("  {\n    name: \"").append(v.name()).append("\"\n");
      out.append("    data_type: ")
          .append(v.elemType() == ElemType.INT64 ? "TYPE_INT64" : "TYPE_FP32")
          .append('\n');
      out.append("    dims: [ ");
      List<Dim> dims = v.shape().dims();
      for (int d = 1; d < dims.size(); d++) {
        out.append(d > 1 ? ", " : "").append(dims.get(d).isFixed() ? dims.get(d).value() : -1);
      }
      out.append(" ]\n  }").append(i + 1 < values.size() ? "," : "").append('\n');
    }
  }
}
