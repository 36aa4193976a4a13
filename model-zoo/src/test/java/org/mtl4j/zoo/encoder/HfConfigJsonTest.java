package org.mtl4j.zoo.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mtl4j.zoo.ModelFormatException;

class HfConfigJsonTest {

  static java.util.List<String> presetNames() {
    return Presets.names();
  }

  @ParameterizedTest
  @MethodSource("presetNames")
  void everyPresetRoundTripsThroughConfigJson(String name, @TempDir Path dir) {
    EncoderConfig config = Presets.get(name).config();
    Path file = dir.resolve("config.json");
    HfConfigJson.write(config, file);
    assertThat(HfConfigJson.read(file)).isEqualTo(config);
  }

  @Test
  void publishedValuesAreRead() {
    assertThat(Presets.names()).hasSize(18 + 5);
    BertConfig bert = (BertConfig) Presets.get("bert-large-cased").config();
    assertThat(bert.vocabSize()).isEqualTo(28996);
    assertThat(bert.numLayers()).isEqualTo(24);
    assertThat(bert.activation()).isEqualTo(Activation.GELU);
    DistilBertConfig distil = (DistilBertConfig) Presets.get("distilbert-base-cased").config();
    assertThat(distil.numLayers()).isEqualTo(6);
    assertThat(distil.layerNormEps()).isEqualTo(1e-12);
    AlbertConfig albert1 = (AlbertConfig) Presets.get("albert-base-v1").config();
    AlbertConfig albert2 = (AlbertConfig) Presets.get("albert-base-v2").config();
    assertThat(albert1.activation()).isEqualTo(Activation.GELU);
    assertThat(albert2.activation()).isEqualTo(Activation.GELU_TANH);
    assertThat(albert2.embeddingSize()).isEqualTo(128);
    XLNetConfig xlnet = (XLNetConfig) Presets.get("xlnet-large-cased").config();
    assertThat(xlnet.hiddenSize()).isEqualTo(1024);
    assertThat(xlnet.headSize()).isEqualTo(64);
    assertThat(xlnet.memLen()).isNull();
    assertThat(xlnet.padTokenId()).isEqualTo(5);
  }

  @Test
  void absentKeysTakeTransformersDefaults() {
    XLNetConfig x = (XLNetConfig) HfConfigJson.fromJson("{\"model_type\":\"xlnet\"}", "t");
    assertThat(x.memLen()).isEqualTo(512);
    assertThat(x.numLayers()).isEqualTo(24);
    BertConfig r = (BertConfig) HfConfigJson.fromJson("{\"model_type\":\"roberta\"}", "t");
    assertThat(r.padTokenId()).isEqualTo(1);
    assertThat(r.vocabSize()).isEqualTo(50265);
    AlbertConfig a = (AlbertConfig) HfConfigJson.fromJson("{\"model_type\":\"albert\"}", "t");
    assertThat(a.hiddenSize()).isEqualTo(4096);
    assertThat(a.activation()).isEqualTo(Activation.GELU_TANH);
  }

  @Test
  void unknownModelTypeIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"model_type\": \"gpt2\", \"n_embd\": 768}");
    assertThatThrownBy(() -> HfConfigJson.read(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown model_type 'gpt2'")
        .hasMessageContaining("bert, distilbert, roberta, albert, xlnet");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(
            () ->
                HfConfigJson.fromJson(
                    "{\"model_type\":\"bert\",\"hidden_size\":\"big\"}", "c.json"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage("c.json: 'hidden_size' must be an integer, was \"big\"");
    assertThatThrownBy(
            () ->
                HfConfigJson.fromJson(
                    "{\"model_type\":\"bert\",\"hidden_size\":100,\"num_attention_heads\":12}",
                    "c"))
        .hasMessage("c: hidden_size 100 is not a multiple of num_attention_heads 12");
    assertThatThrownBy(
            () -> HfConfigJson.fromJson("{\"model_type\":\"bert\",\"hidden_act\":\"swish\"}", "c"))
        .hasMessageContaining("unsupported activation 'swish'");
    assertThatThrownBy(
            () ->
                HfConfigJson.fromJson(
                    "{\"model_type\":\"bert\",\"position_embedding_type\":\"relative_key\"}", "c"))
        .hasMessageContaining("position_embedding_type 'relative_key' is not supported");
    assertThatThrownBy(
            () -> HfConfigJson.fromJson("{\"model_type\":\"xlnet\",\"attn_type\":\"uni\"}", "c"))
        .hasMessageContaining("attn_type 'uni'");
    assertThatThrownBy(() -> HfConfigJson.fromJson("{\"hidden_size\": 3}", "c"))
        .hasMessageContaining("no model_type");
    assertThatThrownBy(() -> HfConfigJson.fromJson("{oops", "c"))
        .hasMessageStartingWith("c is not valid JSON");
  }

  @Test
  void activationAliasesReadAsTheirFunction() {
    BertConfig c =
        (BertConfig)
            HfConfigJson.fromJson(
                "{\"model_type\":\"bert\",\"hidden_act\":\"gelu_pytorch_tanh\"}", "c");
    assertThat(c.activation()).isEqualTo(Activation.GELU_TANH);
    assertThat(HfConfigJson.toJson(c).get("hidden_act").asText()).isEqualTo("gelu_new");
  }
}
