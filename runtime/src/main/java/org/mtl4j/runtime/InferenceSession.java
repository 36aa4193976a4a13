package org.mtl4j.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * An ONNX Runtime session over one model, with the options it was created from: the one session
 * type of mtl4j. Serving ({@link MtlModel}), the exporter's parity gate, {@code mtl forward} and
 * the benchmarks all run graphs through it. Inputs follow the ONNX contract ({@link OnnxContract}):
 * int64 {@code [batch, sequence]}.
 *
 * <p>Thread-safe for {@code run}. Owns the native session and its options; {@link #close()}
 * releases both and may be called more than once.
 */
public final class InferenceSession implements AutoCloseable {

  private final OrtSession session;
  private final SessionOptions options;
  private final ExecutionProvider.Kind provider;
  private final String source;
  private final boolean tokenTypes;
  private final AtomicBoolean closed = new AtomicBoolean();

  InferenceSession(
      OrtSession session, SessionOptions options, ExecutionProvider.Kind provider, String source) {
    this.session = session;
    this.options = options;
    this.provider = provider;
    this.source = source;
    this.tokenTypes = session.getInputNames().contains(OnnxContract.TOKEN_TYPE_IDS);
  }

  /**
   * Opens a model file; a provider that cannot load falls back as the options say.
   *
   * @param onnx an ONNX file (external data beside it)
   * @param options threads, optimisation level and provider
   * @return the session; close it
   * @throws ModelLoadException when ONNX Runtime rejects the file
   */
  public static InferenceSession open(Path onnx, RuntimeOptions options) {
    return SessionFactory.open(onnx, options, 512, "");
  }

  /**
   * Opens a serialized model on the CPU provider.
   *
   * @param model the ONNX bytes
   * @param options threads and optimisation level (the provider is CPU whatever it says)
   * @return the session; close it
   * @throws ModelLoadException when ONNX Runtime rejects the bytes
   */
  public static InferenceSession open(byte[] model, RuntimeOptions options) {
    return SessionFactory.open(model, options);
  }

  /**
   * @return the provider actually in use (CPU after a fallback)
   */
  public ExecutionProvider.Kind provider() {
    return provider;
  }

  /**
   * @return the graph's input names, in order
   */
  public List<String> inputNames() {
    return new ArrayList<>(session.getInputNames());
  }

  /**
   * @return the graph's output names, in order
   */
  public List<String> outputNames() {
    return new ArrayList<>(session.getOutputNames());
  }

  /**
   * @return whether the graph takes {@code token_type_ids}
   */
  public boolean takesTokenTypes() {
    return tokenTypes;
  }

  /**
   * @return the model's custom {@code metadata_props}
   * @throws ModelLoadException when ONNX Runtime cannot read them
   */
  public Map<String, String> metadata() {
    try {
      return session.getMetadata().getCustomMetadata();
    } catch (OrtException e) {
      throw new ModelLoadException(
          "cannot read the metadata of " + source + ": " + e.getMessage(), e);
    }
  }

  /** The underlying session, for the contract check. */
  OrtSession ortSession() {
    return session;
  }

  /**
   * Runs the graph on {@code [batch][sequence]} inputs and returns every output. Inputs the graph
   * does not declare are ignored; {@code token_type_ids} is zeros when the graph takes it and none
   * is given.
   *
   * @param inputs input name to values
   * @return every output by name, in the graph's order
   * @throws InvalidRequestException when a declared input is missing
   * @throws InferenceException when ONNX Runtime fails
   */
  public Map<String, FloatTensor> run(Map<String, long[][]> inputs) {
    long[][] ids = inputs.get(OnnxContract.INPUT_IDS);
    Map<String, long[]> flat = new HashMap<>();
    int rows = ids == null ? 0 : ids.length;
    int length = rows == 0 ? 0 : ids[0].length;
    for (String name : session.getInputNames()) {
      long[][] values = inputs.get(name);
      if (values == null && name.equals(OnnxContract.TOKEN_TYPE_IDS) && ids != null) {
        values = new long[rows][length];
      }
      if (values == null) {
        throw new InvalidRequestException(
            "the graph " + source + " needs input '" + name + "', which was not given");
      }
      if (values.length != rows || (rows > 0 && values[0].length != length)) {
        throw new InvalidRequestException(
            "input '"
                + name
                + "' is not ["
                + rows
                + ", "
                + length
                + "] like "
                + OnnxContract.INPUT_IDS);
      }
      long[] data = new long[rows * length];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(values[r], 0, data, r * length, length);
      }
      flat.put(name, data);
    }
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    runFlat(
        flat,
        rows,
        length,
        session.getOutputNames(),
        null,
        (name, shape, data) -> out.put(name, new FloatTensor(shape, data)));
    return out;
  }

  /**
   * Runs a packed batch: the serving path.
   *
   * @param batch the padded inputs
   * @param outputs the outputs to compute
   * @param runOptions options of this run (to stop it from another thread), or null
   * @return output name to its values, row-major
   * @throws InferenceException when ONNX Runtime fails
   */
  public Map<String, float[]> run(
      PackedBatch batch, Set<String> outputs, OrtSession.RunOptions runOptions) {
    Map<String, long[]> flat = new HashMap<>();
    flat.put(OnnxContract.INPUT_IDS, batch.inputIds());
    flat.put(OnnxContract.ATTENTION_MASK, batch.attentionMask());
    if (takesTokenTypes()) {
      flat.put(OnnxContract.TOKEN_TYPE_IDS, batch.tokenTypeIds());
    }
    Map<String, float[]> out = new HashMap<>();
    runFlat(
        flat,
        batch.rows(),
        batch.length(),
        outputs,
        runOptions,
        (name, shape, data) -> out.put(name, data));
    return out;
  }

  private interface OutputSink {
    void accept(String name, long[] shape, float[] data);
  }

  private void runFlat(
      Map<String, long[]> flat,
      int rows,
      int length,
      Set<String> outputs,
      OrtSession.RunOptions runOptions,
      OutputSink sink) {
    if (closed.get()) {
      throw new IllegalStateException("the ONNX Runtime session of " + source + " is closed");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[] shape = {rows, length};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      for (Map.Entry<String, long[]> e : flat.entrySet()) {
        feed.put(e.getKey(), OnnxTensor.createTensor(env, direct(e.getValue()), shape));
      }
      try (OrtSession.Result result =
          runOptions == null
              ? session.run(feed, outputs)
              : session.run(feed, outputs, runOptions)) {
        for (Map.Entry<String, OnnxValue> e : result) {
          OnnxTensor t = (OnnxTensor) e.getValue();
          FloatBuffer buffer = t.getFloatBuffer();
          float[] data = new float[buffer.remaining()];
          buffer.get(data);
          sink.accept(e.getKey(), t.getInfo().getShape(), data);
        }
      }
    } catch (OrtException e) {
      throw new InferenceException(
          "ONNX Runtime failed on "
              + source
              + " for a batch of "
              + rows
              + " x "
              + length
              + " tokens: "
              + e.getMessage(),
          e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private static LongBuffer direct(long[] values) {
    LongBuffer buffer =
        ByteBuffer.allocateDirect(values.length * Long.BYTES)
            .order(ByteOrder.nativeOrder())
            .asLongBuffer();
    buffer.put(values);
    return buffer.flip();
  }

  /** Closes the session and its options; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the ONNX Runtime session of " + source, e);
    } finally {
      options.close();
    }
  }

  @Override
  public String toString() {
    return "InferenceSession[" + source + ", " + provider + "]";
  }
}
