package org.mtl4j.bench.run;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.zoo.pkg.Manifest;

/**
 * Raw session latency: {@code OrtSession.run} of the model's ONNX file on tensors prepared before
 * the measurement (tokenized and padded once per batch), with the outputs of the selected tasks.
 * What {@code predict} costs beyond this is the serving overhead. Owns its session and tensors.
 */
public final class RawSessionCall implements BenchCall {

  private final String name;
  private final SessionOptions options;
  private final OrtSession session;
  private final List<Map<String, OnnxTensor>> inputs = new ArrayList<>();
  private final Set<String> outputs;
  private boolean closed;

  /**
   * @param name the report name
   * @param onnx the model's ONNX file
   * @param tokenizerJson the model's tokenizer, or null to take it from the ONNX file's metadata
   * @param maxLength the longest input; longer texts are truncated
   * @param outputs the outputs to compute
   * @param workload the inputs
   * @param threads intra-op threads
   * @throws BenchInputException when ONNX Runtime cannot load the file
   */
  public RawSessionCall(
      String name, Path onnx, String tokenizerJson, int maxLength, Set<String> outputs,
      Workload workload, int threads) {
    this.name = name;
    this.outputs = Set.copyOf(outputs);
    SessionOptions so = null;
    OrtSession s = null;
    try {
      so = Sessions.options(threads);
      s = OrtEnvironment.getEnvironment().createSession(onnx.toString(), so);
      boolean types = s.getInputNames().contains("token_type_ids");
      if (tokenizerJson == null) {
        tokenizerJson = s.getMetadata().getCustomMetadataValue(Manifest.TOKENIZER_METADATA_KEY)
            .orElseThrow(() -> new BenchInputException(onnx + " carries no tokenizer in its metadata"));
      }
      try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
          new ByteArrayInputStream(tokenizerJson.getBytes(StandardCharsets.UTF_8)),
          Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(maxLength)))) {
        for (List<ModelInput> batch : workload.batches()) {
          inputs.add(tensors(tokenizer, batch, types));
        }
      }
    } catch (OrtException | IOException e) {
      inputs.forEach(m -> m.values().forEach(OnnxTensor::close));
      Sessions.close(s, so);
      throw new BenchInputException("cannot run " + onnx + " raw in ONNX Runtime: " + e.getMessage(), e);
    }
    this.options = so;
    this.session = s;
  }

  private static Map<String, OnnxTensor> tensors(
      HuggingFaceTokenizer tokenizer, List<ModelInput> batch, boolean types) throws OrtException {
    List<Encoding> encodings = new ArrayList<>();
    int length = 1;
    for (ModelInput input : batch) {
      Encoding e = input.isPair() ? tokenizer.encode(input.text(), input.textB()) : tokenizer.encode(input.text());
      encodings.add(e);
      length = Math.max(length, e.getIds().length);
    }
    int rows = batch.size();
    LongBuffer ids = direct(rows * length);
    LongBuffer mask = direct(rows * length);
    LongBuffer typeIds = direct(rows * length);
    for (Encoding e : encodings) {
      long[] rowIds = e.getIds();
      long[] rowTypes = e.getTypeIds();
      for (int i = 0; i < length; i++) {
        boolean real = i < rowIds.length;
        ids.put(real ? rowIds[i] : 0L);
        mask.put(real ? 1L : 0L);
        typeIds.put(real ? rowTypes[i] : 0L);
      }
    }
    long[] shape = {rows, length};
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> out = new HashMap<>();
    out.put("input_ids", OnnxTensor.createTensor(env, ids.flip(), shape));
    out.put("attention_mask", OnnxTensor.createTensor(env, mask.flip(), shape));
    if (types) {
      out.put("token_type_ids", OnnxTensor.createTensor(env, typeIds.flip(), shape));
    }
    return out;
  }

  private static LongBuffer direct(int size) {
    return ByteBuffer.allocateDirect(size * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
  }

  /**
   * @return the session's input names, sorted
   */
  public List<String> inputNames() {
    return session.getInputNames().stream().sorted().toList();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void call(int item) throws OrtException {
    try (OrtSession.Result result = session.run(inputs.get(item), outputs)) {
      if (result.size() != outputs.size()) {
        throw new IllegalStateException(name + " returned " + result.size() + " outputs, expected " + outputs.size());
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    inputs.forEach(m -> m.values().forEach(OnnxTensor::close));
    inputs.clear();
    Sessions.close(session, options);
  }
}
