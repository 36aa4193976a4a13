package org.mtl4j.zoo.encoder;

import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of ALBERT (transformers' {@code AlbertConfig}): a factorised embedding of width
 * {@link #embeddingSize()} projected to {@link #hiddenSize()}, and {@link #numLayers()} layer
 * applications that share {@link #numHiddenGroups()} groups of {@link #innerGroupNum()} layers
 * each.
 *
 * @param vocabSize {@code vocab_size}
 * @param embeddingSize {@code embedding_size}
 * @param hiddenSize {@code hidden_size}
 * @param numLayers {@code num_hidden_layers}: how many times a group is applied
 * @param numHiddenGroups {@code num_hidden_groups}: distinct parameter groups
 * @param innerGroupNum {@code inner_group_num}: layers inside each group
 * @param numHeads {@code num_attention_heads}
 * @param intermediateSize {@code intermediate_size}
 * @param activation {@code hidden_act} (v2 checkpoints: {@code gelu_new})
 * @param maxPositions {@code max_position_embeddings}
 * @param typeVocabSize {@code type_vocab_size}
 * @param layerNormEps {@code layer_norm_eps}
 * @param padTokenId {@code pad_token_id}
 * @param hiddenDropout {@code hidden_dropout_prob}
 * @param attentionDropout {@code attention_probs_dropout_prob}
 * @param initializerRange {@code initializer_range}
 */
public record AlbertConfig(
    int vocabSize,
    int embeddingSize,
    int hiddenSize,
    int numLayers,
    int numHiddenGroups,
    int innerGroupNum,
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
  public AlbertConfig {
    Objects.requireNonNull(activation, "hidden_act");
    ConfigChecks.positive("vocab_size", vocabSize);
    ConfigChecks.positive("embedding_size", embeddingSize);
    ConfigChecks.heads("hidden_size", hiddenSize, "num_attention_heads", numHeads);
    ConfigChecks.positive("num_hidden_layers", numLayers);
    ConfigChecks.positive("num_hidden_groups", numHiddenGroups);
    ConfigChecks.positive("inner_group_num", innerGroupNum);
    if (numHiddenGroups > numLayers) {
      throw new IllegalArgumentException(
          "num_hidden_groups " + numHiddenGroups + " exceeds num_hidden_layers " + numLayers);
    }
    ConfigChecks.positive("intermediate_size", intermediateSize);
    ConfigChecks.positive("max_position_embeddings", maxPositions);
    ConfigChecks.positive("type_vocab_size", typeVocabSize);
    ConfigChecks.epsilon(layerNormEps);
    ConfigChecks.padId(padTokenId, vocabSize);
    ConfigChecks.probability("hidden_dropout_prob", hiddenDropout);
    ConfigChecks.probability("attention_probs_dropout_prob", attentionDropout);
    ConfigChecks.positiveReal("initializer_range", initializerRange);
  }

  @Override
  public EncoderFamily family() {
    return EncoderFamily.ALBERT;
  }

  /**
   * The group applied at a layer, as transformers computes it: {@code int(i / (layers / groups))}.
   * Each application runs all {@link #innerGroupNum()} layers of the group in order.
   *
   * @param layer layer application index in {@code [0, numLayers)}
   * @return the group index in {@code [0, numHiddenGroups)}
   */
  public int groupOfLayer(int layer) {
    if (layer < 0 || layer >= numLayers) {
      throw new IndexOutOfBoundsException("layer " + layer + " of " + numLayers);
    }
    return (int) Math.floor(layer / ((double) numLayers / numHiddenGroups));
  }

  @Override
  public int maxSequenceLength() {
    return maxPositions;
  }

  @Override
  public List<ParameterSpec> parameters(boolean withPooler) {
    long h = hiddenSize;
    long e = embeddingSize;
    ParameterListBuilder b =
        new ParameterListBuilder()
            .embedding("embeddings.word_embeddings.weight", vocabSize, e)
            .embedding("embeddings.position_embeddings.weight", maxPositions, e)
            .embedding("embeddings.token_type_embeddings.weight", typeVocabSize, e)
            .norm("embeddings.LayerNorm", e)
            .linear("encoder.embedding_hidden_mapping_in", e, h);
    for (int g = 0; g < numHiddenGroups; g++) {
      for (int i = 0; i < innerGroupNum; i++) {
        b.postNormLayerOutputNormFirst(
            PostNormLayerNames.ALBERT.under(
                "encoder.albert_layer_groups." + g + ".albert_layers." + i + "."),
            h,
            intermediateSize);
      }
    }
    if (withPooler) {
      b.pooler().linear("pooler", h, h);
    }
    return b.build();
  }
}
