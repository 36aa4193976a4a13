package org.mtl4j.serve;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * The reference for the logits outputs, computed without the runtime: a tokenizer of its own from
 * the package's tokenizer.json and a plain ONNX Runtime session on the package's model file, run on
 * one unpadded input at a time.
 */
final class GraphLogits implements AutoCloseable {
  private static final Pattern WORD = Pattern.compile("\\S+");

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;

  GraphLogits(Path pkg) throws OrtException, IOException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      session = env.createSession(pkg.resolve(ModelPackage.MODEL_ONNX).toString(), options);
    }
    tokenizer =
        HuggingFaceTokenizer.newInstance(
            pkg.resolve(ModelPackage.TOKENIZER), Map.of("padding", "false", "truncation", "false"));
  }

  /**
   * @param task a sentence-level task
   * @param text a text
   * @param textB the second text of a pair, or null
   * @return the task's graph output for the input, one value per label
   */
  float[] sentence(String task, String text, String textB) throws OrtException {
    Encoding e = textB == null ? tokenizer.encode(text) : tokenizer.encode(text, textB);
    return ((float[][]) run(task, e))[0];
  }

  /**
   * @param task a tagging task
   * @param text a text
   * @return per whitespace-separated word, the task's graph output at its first sub-token
   */
  List<float[]> words(String task, String text) throws OrtException {
    Encoding e = tokenizer.encode(text);
    float[][] tokens = ((float[][][]) run(task, e))[0];
    CharSpan[] spans = e.getCharTokenSpans();
    List<float[]> out = new ArrayList<>();
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      for (int i = 0; i < spans.length; i++) {
        if (spans[i] != null
            && spans[i].getStart() >= word.start()
            && spans[i].getStart() < word.end()) {
          out.add(tokens[i]);
          break;
        }
      }
    }
    return out;
  }

  private Object run(String task, Encoding e) throws OrtException {
    long[] mask = new long[e.getIds().length];
    Arrays.fill(mask, 1);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {e.getIds()}));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {mask}));
      if (session.getInputNames().contains("token_type_ids")) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {e.getTypeIds()}));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        return result.get(task + ".logits").orElseThrow().getValue();
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws OrtException {
    tokenizer.close();
    session.close();
  }
}
