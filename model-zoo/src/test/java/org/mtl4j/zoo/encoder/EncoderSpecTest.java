package org.mtl4j.zoo.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncoderSpecTest {

  /** Parameter counts of the bare transformers models (pooler included where there is one). */
  @ParameterizedTest
  @CsvSource({
    "bert-base-uncased, 109482240",
    "bert-large-uncased, 335141888",
    "roberta-base, 124645632",
    "distilbert-base-uncased, 66362880",
    "albert-base-v2, 11683584",
    "albert-large-v2, 17683968",
    "albert-xlarge-v2, 58724864",
    "albert-xxlarge-v2, 222595584",
    "xlnet-base-cased, 116718336"
  })
  void parameterCountsMatchPublishedModels(String preset, long count) {
    assertThat(Presets.get(preset).config().parameterCount()).isEqualTo(count);
  }

  @Test
  void bertNamesAndShapes() {
    BertConfig c = (BertConfig) Presets.get("bert-base-uncased").config();
    List<ParameterSpec> p = c.parameters();
    assertThat(p).hasSize(5 + 12 * 16 + 2);
    assertThat(p.get(0)).hasToString("embeddings.word_embeddings.weight[30522, 768]");
    assertThat(p.get(2)).hasToString("embeddings.token_type_embeddings.weight[2, 768]");
    assertThat(p.subList(5, 21).stream().map(ParameterSpec::toString))
        .containsExactly(
            "encoder.layer.0.attention.self.query.weight[768, 768]",
            "encoder.layer.0.attention.self.query.bias[768]",
            "encoder.layer.0.attention.self.key.weight[768, 768]",
            "encoder.layer.0.attention.self.key.bias[768]",
            "encoder.layer.0.attention.self.value.weight[768, 768]",
            "encoder.layer.0.attention.self.value.bias[768]",
            "encoder.layer.0.attention.output.dense.weight[768, 768]",
            "encoder.layer.0.attention.output.dense.bias[768]",
            "encoder.layer.0.attention.output.LayerNorm.weight[768]",
            "encoder.layer.0.attention.output.LayerNorm.bias[768]",
            "encoder.layer.0.intermediate.dense.weight[3072, 768]",
            "encoder.layer.0.intermediate.dense.bias[3072]",
            "encoder.layer.0.output.dense.weight[768, 3072]",
            "encoder.layer.0.output.dense.bias[768]",
            "encoder.layer.0.output.LayerNorm.weight[768]",
            "encoder.layer.0.output.LayerNorm.bias[768]");
    assertThat(p.get(p.size() - 2)).hasToString("pooler.dense.weight[768, 768]");
    assertThat(p.get(p.size() - 1).pooler()).isTrue();
    assertThat(c.parameters(false)).hasSize(p.size() - 2).noneMatch(ParameterSpec::pooler);
  }

  @Test
  void robertaHasOneTokenTypeAndOffsetPositions() {
    BertConfig c = (BertConfig) Presets.get("roberta-base").config();
    assertThat(c.family()).isEqualTo(EncoderFamily.ROBERTA);
    assertThat(c.parameters().get(2))
        .hasToString("embeddings.token_type_embeddings.weight[1, 768]");
    assertThat(c.maxSequenceLength()).isEqualTo(512);
    assertThat(c.layerNormEps()).isEqualTo(1e-5);
    assertThat(c.padTokenId()).isEqualTo(1);
  }

  @Test
  void distilBertNames() {
    List<String> names =
        Presets.tiny(EncoderFamily.DISTILBERT).config().parameters().stream()
            .map(ParameterSpec::toString)
            .toList();
    assertThat(names)
        .startsWith(
            "embeddings.word_embeddings.weight[128, 32]",
            "embeddings.position_embeddings.weight[64, 32]",
            "embeddings.LayerNorm.weight[32]",
            "embeddings.LayerNorm.bias[32]",
            "transformer.layer.0.attention.q_lin.weight[32, 32]")
        .contains(
            "transformer.layer.1.attention.out_lin.bias[32]",
            "transformer.layer.1.sa_layer_norm.weight[32]",
            "transformer.layer.1.ffn.lin1.weight[64, 32]",
            "transformer.layer.1.ffn.lin2.weight[32, 64]",
            "transformer.layer.1.output_layer_norm.bias[32]")
        .hasSize(4 + 2 * 16);
  }

  @Test
  void albertSharesOneGroupAndFactorisesTheEmbedding() {
    AlbertConfig c = (AlbertConfig) Presets.tiny(EncoderFamily.ALBERT).config();
    List<String> names = c.parameters().stream().map(ParameterSpec::toString).toList();
    assertThat(names)
        .contains(
            "embeddings.word_embeddings.weight[128, 16]",
            "embeddings.token_type_embeddings.weight[2, 16]",
            "embeddings.LayerNorm.weight[16]",
            "encoder.embedding_hidden_mapping_in.weight[32, 16]",
            "encoder.albert_layer_groups.0.albert_layers.0.full_layer_layer_norm.weight[32]",
            "encoder.albert_layer_groups.0.albert_layers.0.attention.query.weight[32, 32]",
            "encoder.albert_layer_groups.0.albert_layers.0.attention.dense.bias[32]",
            "encoder.albert_layer_groups.0.albert_layers.0.attention.LayerNorm.bias[32]",
            "encoder.albert_layer_groups.0.albert_layers.0.ffn.weight[64, 32]",
            "encoder.albert_layer_groups.0.albert_layers.0.ffn_output.weight[32, 64]",
            "pooler.weight[32, 32]",
            "pooler.bias[32]")
        .noneMatch(n -> n.contains("albert_layer_groups.1"));
    assertThat(c.groupOfLayer(0)).isZero();
    assertThat(c.groupOfLayer(1)).isZero();
    assertThat(c.activation()).isEqualTo(Activation.GELU_TANH);
  }

  @Test
  void albertGroupsFollowTransformersIndexing() {
    AlbertConfig base = (AlbertConfig) Presets.get("albert-base-v2").config();
    AlbertConfig grouped =
        new AlbertConfig(
            100, 16, 32, 12, 4, 2, 2, 64, Activation.GELU_TANH, 64, 2, 1e-12, 0, 0, 0, 0.02);
    assertThat(grouped.groupOfLayer(2)).isZero();
    assertThat(grouped.groupOfLayer(3)).isEqualTo(1);
    assertThat(grouped.groupOfLayer(11)).isEqualTo(3);
    assertThat(grouped.parameters().stream().map(ParameterSpec::name))
        .contains("encoder.albert_layer_groups.3.albert_layers.1.ffn_output.bias");
    assertThat(base.parameterCount()).isLessThan(grouped.parameterCount() * 1000);
  }

  @Test
  void xlnetNamesAndShapes() {
    List<String> names =
        Presets.get("xlnet-base-cased").config().parameters().stream()
            .map(ParameterSpec::toString)
            .toList();
    assertThat(names)
        .startsWith("mask_emb[1, 1, 768]", "word_embedding.weight[32000, 768]")
        .contains(
            "layer.0.rel_attn.q[768, 12, 64]",
            "layer.0.rel_attn.r[768, 12, 64]",
            "layer.0.rel_attn.r_w_bias[12, 64]",
            "layer.0.rel_attn.seg_embed[2, 12, 64]",
            "layer.0.rel_attn.layer_norm.weight[768]",
            "layer.11.ff.layer_norm.bias[768]",
            "layer.11.ff.layer_1.weight[3072, 768]",
            "layer.11.ff.layer_2.weight[768, 3072]")
        .hasSize(2 + 12 * 17);
  }

  @Test
  void familiesKnowTheirPrefixes() {
    assertThat(EncoderFamily.XLNET.taskPrefix()).isEqualTo("transformer.");
    assertThat(EncoderFamily.XLNET.stripPrefix("transformer.layer.0.ff.layer_1.bias"))
        .isEqualTo("layer.0.ff.layer_1.bias");
    assertThat(EncoderFamily.DISTILBERT.ownsName("transformer.layer.0.ffn.lin1.bias")).isTrue();
    assertThat(EncoderFamily.BERT.ownsName("classifier.weight")).isFalse();
    assertThat(EncoderFamily.BERT.ownsName("bert.anything")).isTrue();
    assertThat(EncoderFamily.fromModelType("roberta")).isEqualTo(EncoderFamily.ROBERTA);
  }
}
