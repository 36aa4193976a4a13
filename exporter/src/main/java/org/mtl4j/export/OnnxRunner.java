package org.mtl4j.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * An ONNX Runtime CPU session over an exported graph, fed {@code [batch][sequence]} int64
 * inputs. Owns the session; {@link #close()} is idempotent. Graph optimisations are limited to
 * ORT's basic level (constant folding, no fusions) so the session computes the portable graph.
 */
public final class OnnxRunner implements AutoCloseable {

  private final OrtSession session;
  private boolean closed;

  private OnnxRunner(OrtSession session) {
    this.session = session;
  }

  /**
   * @param modelFile an ONNX file (external data beside it)
   * @return a runner
   * @throws ExportException when ONNX Runtime rejects the model
   */
  public static OnnxRunner open(Path modelFile) {
    try (OrtSession.SessionOptions options = options()) {
      return new OnnxRunner(OrtEnvironment.getEnvironment().createSession(modelFile.toString(), options));
    } catch (OrtException e) {
      throw new ExportException("ONNX Runtime cannot load " + modelFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param model a serialized ONNX model
   * @return a runner
   * @throws ExportException when ONNX Runtime rejects the model
   */
  public static OnnxRunner open(byte[] model) {
    try (OrtSession.SessionOptions options = options()) {
      return new OnnxRunner(OrtEnvironment.getEnvironment().createSession(model, options));
    } catch (OrtException e) {
      throw new ExportException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
    }
  }

  private static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
    return options;
  }

  /**
   * @return the graph's output names, in order
   */
  public List<String> outputNames() {
    return new ArrayList<>(session.getOutputNames());
  }

  /**
   * @return the model's custom {@code metadata_props}
   */
  public Map<String, String> metadata() {
    try {
      return session.getMetadata().getCustomMetadata();
    } catch (OrtException e) {
      throw new ExportException("cannot read the model's metadata: " + e.getMessage(), e);
    }
  }

  /**
   * Runs the graph. Inputs the graph does not declare are ignored; {@code token_type_ids} is
   * zeros when the graph needs it and none is given.
   *
   * @param inputs input name to {@code [batch][sequence]} values
   * @return every output by name
   * @throws ExportException when ONNX Runtime fails
   */
  public Map<String, FloatTensor> run(Map<String, long[][]> inputs) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      for (String name : session.getInputNames()) {
        long[][] values = inputs.get(name);
        if (values == null && name.equals("token_type_ids")) {
          long[][] ids = inputs.get("input_ids");
          values = new long[ids.length][ids.length == 0 ? 0 : ids[0].length];
        }
        if (values == null) {
          throw new ExportException("the graph needs input '" + name + "', which was not given");
        }
        feed.put(name, tensor(env, values));
      }
      Map<String, FloatTensor> out = new LinkedHashMap<>();
      try (OrtSession.Result result = session.run(feed)) {
        for (Map.Entry<String, OnnxValue> e : result) {
          OnnxTensor t = (OnnxTensor) e.getValue();
          FloatBuffer buffer = t.getFloatBuffer();
          float[] data = new float[buffer.remaining()];
          buffer.get(data);
          out.put(e.getKey(), new FloatTensor(t.getInfo().getShape(), data));
        }
      }
      return out;
    } catch (OrtException e) {
      throw new ExportException("ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private static OnnxTensor tensor(OrtEnvironment env, long[][] values) throws OrtException {
    int rows = values.length;
    int cols = rows == 0 ? 0 : values[0].length;
    LongBuffer buffer = LongBuffer.allocate(rows * cols);
    for (long[] row : values) {
      buffer.put(row);
    }
    buffer.flip();
    return OnnxTensor.createTensor(env, buffer, new long[] {rows, cols});
  }

  /** Closes the session; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      throw new ExportException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
    }
  }
}
