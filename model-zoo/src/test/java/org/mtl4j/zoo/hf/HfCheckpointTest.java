package org.mtl4j.zoo.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

class HfCheckpointTest {

  static final String TOKENIZER =
      "{\"version\":\"1.0\",\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"[UNK]\":0},"
          + "\"unk_token\":\"[UNK]\"}}";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void tinyCheckpointsRoundTripBitExactly(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    Map<String, FloatTensor> weights = RandomWeights.of(config, true, 42);
    EncoderCheckpoint original = new EncoderCheckpoint(config, weights, TOKENIZER, "test");
    HfCheckpoint.write(original, dir);

    EncoderCheckpoint back = HfCheckpoint.read(dir);
    assertThat(back.config()).isEqualTo(config);
    assertThat(back.weights()).isEqualTo(weights);
    assertThat(back.weights().keySet())
        .containsExactlyElementsOf(config.parameters().stream().map(p -> p.name()).toList());
    assertThat(back.tokenizerJson()).isEqualTo(TOKENIZER);
    assertThat(back.hasPooler()).isEqualTo(family.hasPooler());
  }

  @Test
  void seededWeightsAreReproducibleAndDistinct() {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    assertThat(RandomWeights.of(config, true, 1)).isEqualTo(RandomWeights.of(config, true, 1));
    assertThat(RandomWeights.of(config, true, 1)).isNotEqualTo(RandomWeights.of(config, true, 2));
    float[] norm = RandomWeights.of(config, true, 1).get("embeddings.LayerNorm.weight").data();
    assertThat(norm[0]).isBetween(0.9f, 1.1f);
  }

  @Test
  void taskModelPrefixesAreStrippedAndHeadsIgnored() throws Exception {
    EncoderConfig config = Presets.tiny(EncoderFamily.XLNET).config();
    Map<String, FloatTensor> stored = new LinkedHashMap<>();
    RandomWeights.of(config, false, 3).forEach((name, t) -> stored.put("transformer." + name, t));
    stored.put("sequence_summary.summary.weight", FloatTensor.zeros(32, 32));
    stored.put("logits_proj.weight", FloatTensor.zeros(2, 32));
    writeFolder(config, stored);

    EncoderCheckpoint back = HfCheckpoint.read(dir);
    assertThat(back.weights()).isEqualTo(RandomWeights.of(config, false, 3));
  }

  @Test
  void legacyLayerNormNamesAreAccepted() throws Exception {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    Map<String, FloatTensor> weights = RandomWeights.of(config, true, 8);
    Map<String, FloatTensor> stored = new LinkedHashMap<>();
    weights.forEach(
        (name, t) ->
            stored.put(
                "bert."
                    + name.replace("LayerNorm.weight", "LayerNorm.gamma")
                        .replace("LayerNorm.bias", "LayerNorm.beta"),
                t));
    assertThat(stored).containsKey("bert.embeddings.LayerNorm.gamma");
    writeFolder(config, stored);
    assertThat(HfCheckpoint.read(dir).weights()).isEqualTo(weights);
  }

  @Test
  void poolerMayBeAbsentButNotPartial() throws Exception {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    Map<String, FloatTensor> weights = new LinkedHashMap<>(RandomWeights.of(config, false, 5));
    weights.put("embeddings.position_ids", FloatTensor.zeros(1, 64));
    writeFolder(config, weights);
    assertThat(HfCheckpoint.read(dir).hasPooler()).isFalse();

    weights.put("pooler.dense.weight", FloatTensor.zeros(32, 32));
    writeFolder(config, weights);
    assertThatThrownBy(() -> HfCheckpoint.read(dir))
        .hasMessageContaining("missing (1):\n    pooler.dense.bias");
  }

  @Test
  void missingUnexpectedAndMisShapedTensorsAreListed() throws Exception {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    Map<String, FloatTensor> weights = new LinkedHashMap<>();
    RandomWeights.of(config, true, 9).forEach((name, t) -> weights.put("bert." + name, t));
    weights.remove("bert.encoder.layer.1.output.dense.bias");
    weights.put("bert.encoder.layer.0.intermediate.dense.weight", FloatTensor.zeros(32, 64));
    weights.put("bert.encoder.layer.2.output.dense.bias", FloatTensor.zeros(32));
    weights.put("classifier.weight", FloatTensor.zeros(3, 32));
    writeFolder(config, weights);

    Path file = dir.resolve("model.safetensors");
    assertThatThrownBy(() -> HfCheckpoint.read(dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(
            file
                + " does not match the bert spec (2 layers, hidden 32):"
                + "\n  missing (1):\n    encoder.layer.1.output.dense.bias"
                + "\n  unexpected (1):\n    bert.encoder.layer.2.output.dense.bias"
                + "\n  wrong shape (1):\n    bert.encoder.layer.0.intermediate.dense.weight is [32, 64],"
                + " expected [64, 32]");
  }

  @Test
  void unknownModelTypeIsReported() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"electra\"}");
    assertThatThrownBy(() -> HfCheckpoint.read(dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("unknown model_type 'electra'; supported: bert, distilbert, roberta");
  }

  @Test
  void headerLongerThanTheFileIsReported() throws Exception {
    EncoderConfig config = Presets.tiny(EncoderFamily.ALBERT).config();
    writeFolder(config, RandomWeights.of(config, true, 1));
    Path file = dir.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, 100));
    assertThatThrownBy(() -> HfCheckpoint.read(dir))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file + ": header length")
        .hasMessageContaining("is longer than the file (100 bytes");
  }

  @Test
  void missingFilesAreNamed() throws Exception {
    assertThatThrownBy(() -> HfCheckpoint.read(dir.resolve("nope")))
        .hasMessageContaining("does not exist");
    EncoderConfig config = Presets.tiny(EncoderFamily.DISTILBERT).config();
    HfConfigJson.write(config, dir.resolve("config.json"));
    Files.write(dir.resolve("pytorch_model.bin"), new byte[] {0});
    assertThatThrownBy(() -> HfCheckpoint.read(dir))
        .hasMessageContaining("has no model.safetensors (pytorch_model.bin is a pickle");
    SafeTensorsWriter.write(dir.resolve("model.safetensors"), RandomWeights.of(config, true, 1));
    assertThatThrownBy(() -> HfCheckpoint.read(dir)).hasMessageContaining("has no tokenizer.json");
  }

  @Test
  void checkpointRecordRejectsForeignNames() {
    EncoderConfig config = Presets.tiny(EncoderFamily.ROBERTA).config();
    Map<String, FloatTensor> weights = new LinkedHashMap<>(RandomWeights.of(config, true, 1));
    weights.put("classifier.dense.weight", FloatTensor.zeros(2, 32));
    assertThatThrownBy(() -> new EncoderCheckpoint(config, weights, TOKENIZER, "mem"))
        .hasMessageContaining("outside the encoder spec: [classifier.dense.weight]");
  }

  private void writeFolder(EncoderConfig config, Map<String, FloatTensor> weights)
      throws Exception {
    HfConfigJson.write(config, dir.resolve("config.json"));
    SafeTensorsWriter.write(dir.resolve("model.safetensors"), weights);
    Files.writeString(dir.resolve("tokenizer.json"), TOKENIZER);
    try (SafeTensorsReader reader = SafeTensorsReader.open(dir.resolve("model.safetensors"))) {
      assertThat(reader.tensors()).hasSize(weights.size());
    }
  }
}
