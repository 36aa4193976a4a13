package org.mtl4j.zoo.encoder;

import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of BERT and RoBERTa (transformers' {@code BertConfig} / {@code RobertaConfig};
 * the two share architecture and parameter names). RoBERTa derives position ids from {@link
 * #padTokenId()}: real tokens get {@code pad + 1, pad + 2, ...}, pads get {@code pad}.
 *
 * @param family {@link EncoderFamily#BERT} or {@link EncoderFamily#ROBERTA}
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param numLayers {@code num_hidden_layers}
 * @param numHeads {@code num_attention_heads}
 * @param intermediateSize {@code intermediate_size}
 * @param activation {@code hidden_act}
 * @param maxPositions {@code max_position_embeddings} (rows of the position table)
 * @param typeVocabSize {@code type_vocab_size} (RoBERTa checkpoints: 1)
 * @param layerNormEps {@code layer_norm_eps} (BERT 1e-12, RoBERTa checkpoints 1e-5)
 * @param padTokenId {@code pad_token_id}
 * @param hiddenDropout {@code hidden_dropout_prob}
 * @param attentionDropout {@code attention_probs_dropout_prob}
 * @param initializerRange {@code initializer_range}
 */
public record BertConfig(
    EncoderFamily family,
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int intermediateSize,
    Activation activation,
    int maxPositions,
    int typeVocabSize,
    double layerNormEps,
    int padTokenId,
    double hiddenDropout,
    double attentionDropout,
    double initializerRange)
    implements EncoderConfig {

  /** Validates the values. */
  public BertConfig {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(activation, "hidden_act");
    if (family != EncoderFamily.BERT && family != EncoderFamily.ROBERTA) {
      throw new IllegalArgumentException("BertConfig is for bert and roberta, not " + family);
    }
    ConfigChecks.positive("vocab_size", vocabSize);
    ConfigChecks.heads("hidden_size", hiddenSize, "num_attention_heads", numHeads);
    ConfigChecks.positive("num_hidden_layers", numLayers);
    ConfigChecks.positive("intermediate_size", intermediateSize);
    ConfigChecks.positive("max_position_embeddings", maxPositions);
    ConfigChecks.positive("type_vocab_size", typeVocabSize);
    ConfigChecks.epsilon(layerNormEps);
    ConfigChecks.padId(padTokenId, vocabSize);
    ConfigChecks.probability("hidden_dropout_prob", hiddenDropout);
    ConfigChecks.probability("attention_probs_dropout_prob", attentionDropout);
    ConfigChecks.positiveReal("initializer_range", initializerRange);
    if (family == EncoderFamily.ROBERTA && padTokenId + 1 >= maxPositions) {
      throw new IllegalArgumentException(
          "roberta positions start at pad_token_id + 1 = "
              + (padTokenId + 1)
              + ", which max_position_embeddings "
              + maxPositions
              + " does not cover");
    }
  }

  /**
   * @return the longest input the position table allows; RoBERTa loses {@code pad + 1} rows to its
   *     position offset (514 rows give 512 tokens)
   */
  @Override
  public int maxSequenceLength() {
    return family == EncoderFamily.ROBERTA ? maxPositions - padTokenId - 1 : maxPositions;
  }

  @Override
  public List<ParameterSpec> parameters(boolean withPooler) {
    long h = hiddenSize;
    ParameterListBuilder b =
        new ParameterListBuilder()
            .embedding("embeddings.word_embeddings.weight", vocabSize, h)
            .embedding("embeddings.position_embeddings.weight", maxPositions, h)
            .embedding("embeddings.token_type_embeddings.weight", typeVocabSize, h)
            .norm("embeddings.LayerNorm", h);
    for (int i = 0; i < numLayers; i++) {
      b.postNormLayer(
          PostNormLayerNames.BERT.under("encoder.layer." + i + "."), h, intermediateSize);
    }
    if (withPooler) {
      b.pooler().linear("pooler.dense", h, h);
    }
    return b.build();
  }
}
