package org.mtl4j.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs models in ONNX Runtime (one intra-op thread, so results are reproducible) for tests. */
public final class Ort {

  private Ort() {}

  /**
   * Runs several batches through one session.
   *
   * @param model a model file
   * @param batches int64 inputs by name, each {@code [batch][sequence]}, one map per batch
   * @param output the float output to fetch
   * @return the output's elements for each batch, row-major
   */
  public static List<float[]> run(Path model, List<Map<String, long[][]>> batches, String output)
      throws OrtException {
    try (OrtSession.SessionOptions options = options();
        OrtSession session = env().createSession(model.toString(), options)) {
      List<float[]> results = new ArrayList<>();
      for (Map<String, long[][]> batch : batches) {
        results.add(run(session, new HashMap<>(batch), List.of(output)).get(output));
      }
      return results;
    }
  }

  /**
   * @param model a serialized model
   * @param inputs inputs by name as Java arrays ({@code float[][]}, {@code long[][][]}, ...)
   * @param outputs the float outputs to fetch
   * @return each output's elements, row-major
   */
  public static Map<String, float[]> run(byte[] model, Map<String, ?> inputs, List<String> outputs)
      throws OrtException {
    try (OrtSession.SessionOptions options = options();
        OrtSession session = env().createSession(model, options)) {
      Map<String, Object> values = new HashMap<>(inputs);
      return run(session, values, outputs);
    }
  }

  /**
   * @param model a serialized model
   * @param inputs inputs by name as Java arrays
   * @return every output as ONNX Runtime's Java value ({@code float[][]}, {@code long[]}, ...)
   */
  public static Map<String, Object> runAll(byte[] model, Map<String, ?> inputs)
      throws OrtException {
    try (OrtSession.SessionOptions options = options();
        OrtSession session = env().createSession(model, options)) {
      Map<String, OnnxTensor> tensors = new HashMap<>();
      try {
        for (Map.Entry<String, ?> e : inputs.entrySet()) {
          tensors.put(e.getKey(), OnnxTensor.createTensor(env(), e.getValue()));
        }
        try (OrtSession.Result result = session.run(tensors)) {
          Map<String, Object> out = new LinkedHashMap<>();
          for (Map.Entry<String, OnnxValue> e : result) {
            out.put(e.getKey(), e.getValue().getValue());
          }
          return out;
        }
      } finally {
        tensors.values().forEach(OnnxTensor::close);
      }
    }
  }

  private static OrtEnvironment env() {
    return OrtEnvironment.getEnvironment();
  }

  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    return options;
  }

  private static Map<String, float[]> run(
      OrtSession session, Map<String, Object> inputs, List<String> outputs) throws OrtException {
    Map<String, OnnxTensor> tensors = new HashMap<>();
    try {
      for (Map.Entry<String, Object> e : inputs.entrySet()) {
        tensors.put(e.getKey(), OnnxTensor.createTensor(env(), e.getValue()));
      }
      try (OrtSession.Result result = session.run(tensors)) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : outputs) {
          OnnxValue value =
              result.get(name).orElseThrow(() -> new IllegalStateException("no output " + name));
          FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
          float[] data = new float[buffer.remaining()];
          buffer.get(data);
          out.put(name, data);
        }
        return out;
      }
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }
}
