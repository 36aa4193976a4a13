package org.mtl4j.zoo.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.weights.FloatTensor;

class PretrainedSourceTest {

  @ParameterizedTest
  @CsvSource({"all-minilm-l6-v2, 6", "bge-small-en-v1.5, 12", "e5-small-v2, 12"})
  void recoversConfigAndEveryParameter(String id, int layers) {
    EncoderCheckpoint c = PretrainedSource.get(id).load();
    BertConfig config = (BertConfig) c.config();
    assertThat(config.numLayers()).isEqualTo(layers);
    assertThat(config.hiddenSize()).isEqualTo(384);
    assertThat(config.numHeads()).isEqualTo(12);
    assertThat(config.intermediateSize()).isEqualTo(1536);
    assertThat(config.vocabSize()).isEqualTo(30522);
    assertThat(config.maxPositions()).isEqualTo(512);
    assertThat(config.typeVocabSize()).isEqualTo(2);
    assertThat(config.layerNormEps()).isEqualTo(1e-12);
    assertThat(config.activation()).isEqualTo(Activation.GELU);
    assertThat(config.padTokenId()).isZero();
    assertThat(c.hasPooler()).isFalse();
    assertThat(c.weights()).hasSize(config.parameters(false).size());
    Map<String, FloatTensor> w = c.weights();
    assertThat(w.get("encoder.layer.0.intermediate.dense.weight").shape())
        .containsExactly(1536, 384);
  }
}
