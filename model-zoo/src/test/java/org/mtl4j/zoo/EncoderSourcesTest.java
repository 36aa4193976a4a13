package org.mtl4j.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.hf.HfCheckpoint;
import org.mtl4j.zoo.pkg.EncoderInfo;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.PackageWriter;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;
import org.mtl4j.zoo.pkg.TokenizerInfo;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

class EncoderSourcesTest {

  static final String TOKENIZER = "{\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"[PAD]\":0}}}";

  @Test
  void folderSourcesResolve(@TempDir Path dir) {
    EncoderConfig config = Presets.tiny(EncoderFamily.ROBERTA).config();
    Map<String, FloatTensor> encoder = RandomWeights.of(config, false, 4);
    EncoderCheckpoint checkpoint = new EncoderCheckpoint(config, encoder, TOKENIZER, "t");

    Path hf = dir.resolve("hf");
    HfCheckpoint.write(checkpoint, hf);
    assertThat(EncoderSources.load(hf.toString()).weights()).isEqualTo(encoder);

    Path pkg = dir.resolve("pkg");
    Map<String, FloatTensor> all = new LinkedHashMap<>(encoder);
    all.put("heads.intent.weight", FloatTensor.zeros(3, 32));
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            new EncoderInfo("roberta", HfConfigJson.toJson(config)),
            new TokenizerInfo("tokenizer.json", 64, false, false),
            List.of(
                new TaskSpec(
                    "intent",
                    TaskType.SINGLE_SENTENCE_CLASSIFICATION,
                    List.of("a", "b", "c"),
                    "CrossEntropyLoss",
                    1.0,
                    List.of(),
                    0.1)),
            Map.of(),
            Map.of());
    PackageWriter.write(pkg, manifest, all, TOKENIZER);
    EncoderCheckpoint fromPackage = EncoderSources.load(pkg.toString());
    assertThat(fromPackage.config()).isEqualTo(config);
    assertThat(fromPackage.weights()).isEqualTo(encoder);
  }

  @Test
  void unknownSourcesAreExplained(@TempDir Path dir) {
    assertThatThrownBy(() -> EncoderSources.load(dir.resolve("none").toString()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(
            "is not a pretrained name (all-minilm-l6-v2, bge-small-en-v1.5, e5-small-v2)");
  }
}
