package org.mtl4j.zoo.encoder;

import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of DistilBERT (transformers' {@code DistilBertConfig}). No token types, no
 * pooler; every layer normalisation uses epsilon 1e-12 (fixed in transformers' code, not in
 * config.json).
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code dim}
 * @param numLayers {@code n_layers}
 * @param numHeads {@code n_heads}
 * @param intermediateSize {@code hidden_dim}
 * @param activation {@code activation}
 * @param maxPositions {@code max_position_embeddings}
 * @param sinusoidalPositions {@code sinusoidal_pos_embds}: the position table holds fixed sinusoids
 *     (it is still a parameter in the checkpoint)
 * @param padTokenId {@code pad_token_id}
 * @param hiddenDropout {@code dropout}
 * @param attentionDropout {@code attention_dropout}
 * @param initializerRange {@code initializer_range}
 */
public record DistilBertConfig(
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int intermediateSize,
    Activation activation,
    int maxPositions,
    boolean sinusoidalPositions,
    int padTokenId,
    double hiddenDropout,
    double attentionDropout,
    double initializerRange)
    implements EncoderConfig {

  /** DistilBERT's layer-norm epsilon, fixed in transformers' modeling code. */
  public static final double LAYER_NORM_EPS = 1e-12;

  /** Validates the values. */
  public DistilBertConfig {
    Objects.requireNonNull(activation, "activation");
    ConfigChecks.positive("vocab_size", vocabSize);
    ConfigChecks.heads("dim", hiddenSize, "n_heads", numHeads);
    ConfigChecks.positive("n_layers", numLayers);
    ConfigChecks.positive("hidden_dim", intermediateSize);
    ConfigChecks.positive("max_position_embeddings", maxPositions);
    ConfigChecks.padId(padTokenId, vocabSize);
    ConfigChecks.probability("dropout", hiddenDropout);
    ConfigChecks.probability("attention_dropout", attentionDropout);
    ConfigChecks.positiveReal("initializer_range", initializerRange);
  }

  @Override
  public EncoderFamily family() {
    return EncoderFamily.DISTILBERT;
  }

  @Override
  public double layerNormEps() {
    return LAYER_NORM_EPS;
  }

  @Override
  public int maxSequenceLength() {
    return maxPositions;
  }

  @Override
  public List<ParameterSpec> parameters(boolean withPooler) {
    long d = hiddenSize;
    ParameterListBuilder b =
        new ParameterListBuilder()
            .embedding("embeddings.word_embeddings.weight", vocabSize, d)
            .embedding("embeddings.position_embeddings.weight", maxPositions, d)
            .norm("embeddings.LayerNorm", d);
    for (int i = 0; i < numLayers; i++) {
      b.postNormLayer(
          PostNormLayerNames.DISTILBERT.under("transformer.layer." + i + "."), d, intermediateSize);
    }
    return b.build();
  }
}
