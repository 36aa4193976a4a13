package org.mtl4j.train.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.pretrained.PretrainedSource;

/**
 * The DJL block of each pretrained encoder reproduces the original ONNX file's {@code
 * last_hidden_state}, run by ONNX Runtime on the same token ids, on a padded batch of six
 * sentences; positions where the mask is 0 are not compared.
 */
class PretrainedParityTest {

  private static final float TOLERANCE = 1e-4f;

  private static final List<TextInput> SENTENCES =
      TextInputs.of(
          List.of(
              "Hello world.",
              "The quick brown fox jumps over the lazy dog near the riverbank at dawn.",
              "Multi-task models share one encoder between several heads.",
              "ONNX Runtime serves the exported graph.",
              "Tokenization splits words like unbelievably into word pieces.",
              "Short."),
          false);

  @ParameterizedTest
  @ValueSource(strings = {"all-minilm-l6-v2", "bge-small-en-v1.5", "e5-small-v2"})
  void djlForwardMatchesTheOriginalOnnx(String name) throws OrtException {
    PretrainedSource source = PretrainedSource.get(name);
    EncoderCheckpoint checkpoint = source.load();
    TokenBatch batch;
    float[] djl;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      batch = TokenBatch.encode(checkpoint.tokenizerJson(), checkpoint.config(), SENTENCES);
      EncoderBlock block = EncoderBlocks.of(checkpoint, manager);
      djl =
          block
              .forward(
                  new ParameterStore(manager, false),
                  batch.toNDList(manager, block.family().usesTokenTypeIds()),
                  false)
              .get(0)
              .toFloatArray();
    }
    float[] ort = runOnnx(source.onnxBytes(), batch);

    assertThat(batch.sequenceLength()).isLessThan(30);
    assertThat(batch.attentionMask()[5]).contains(0L);
    assertThat(djl).hasSameSizeAs(ort);
    int hidden = checkpoint.config().hiddenSize();
    float worst = 0f;
    int compared = 0;
    for (int r = 0; r < batch.batchSize(); r++) {
      for (int t = 0; t < batch.sequenceLength(); t++) {
        if (batch.attentionMask()[r][t] == 0) {
          continue;
        }
        int base = (r * batch.sequenceLength() + t) * hidden;
        for (int h = 0; h < hidden; h++) {
          worst = Math.max(worst, Math.abs(djl[base + h] - ort[base + h]));
          compared++;
        }
      }
    }
    assertThat(compared).isPositive();
    assertThat(worst)
        .as("max |djl - onnx| over %d values of %s", compared, name)
        .isLessThanOrEqualTo(TOLERANCE);
  }

  private static float[] runOnnx(byte[] model, TokenBatch batch) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(model, options)) {
      Map<String, long[][]> available = new LinkedHashMap<>();
      available.put("input_ids", batch.inputIds());
      available.put("attention_mask", batch.attentionMask());
      available.put("token_type_ids", batch.tokenTypeIds());
      Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
      try {
        for (String input : session.getInputNames()) {
          inputs.put(input, OnnxTensor.createTensor(env, available.get(input)));
        }
        try (OrtSession.Result result = session.run(inputs)) {
          OnnxTensor hidden = (OnnxTensor) result.get("last_hidden_state").orElseThrow();
          float[] flat = new float[Math.toIntExact(hidden.getInfo().getNumElements())];
          hidden.getFloatBuffer().get(flat);
          return flat;
        }
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }
  }
}
