package org.mtl4j.zoo.encoder;

import java.util.List;

/**
 * The hyper-parameters of an encoder: one record per family, each holding every key of the family's
 * HuggingFace {@code config.json} that changes what the encoder computes. Read and written by
 * {@link HfConfigJson}; parameters listed by {@link #parameters(boolean)}.
 *
 * <p>The methods here are the ones every family has; family specifics (ALBERT's embedding size and
 * groups, XLNet's relative attention settings, positions and token types) are on the records.
 */
public sealed interface EncoderConfig
    permits BertConfig, DistilBertConfig, AlbertConfig, XLNetConfig {

  /**
   * @return the family
   */
  EncoderFamily family();

  /**
   * @return vocabulary size (rows of the word embedding)
   */
  int vocabSize();

  /**
   * @return width of the hidden states ({@code hidden_size}, DistilBERT {@code dim}, XLNet {@code
   *     d_model})
   */
  int hiddenSize();

  /**
   * @return number of transformer layers applied
   */
  int numLayers();

  /**
   * @return attention heads per layer
   */
  int numHeads();

  /**
   * @return feed-forward inner width ({@code intermediate_size}, DistilBERT {@code hidden_dim},
   *     XLNet {@code d_inner})
   */
  int intermediateSize();

  /**
   * @return the feed-forward activation
   */
  Activation activation();

  /**
   * @return epsilon of every layer normalisation
   */
  double layerNormEps();

  /**
   * @return the padding token id
   */
  int padTokenId();

  /**
   * @return dropout probability on hidden states during training
   */
  double hiddenDropout();

  /**
   * @return dropout probability on attention probabilities during training
   */
  double attentionDropout();

  /**
   * @return standard deviation of the normal initialisation
   */
  double initializerRange();

  /**
   * @return the longest input in tokens, special tokens included: the position table's rows (less
   *     RoBERTa's offset); XLNet, which has no position table, gives 512 as in pretraining
   */
  int maxSequenceLength();

  /**
   * @return width of one attention head
   */
  default int headSize() {
    return hiddenSize() / numHeads();
  }

  /**
   * The parameters of the family's bare HuggingFace model in state_dict order, without task prefix.
   *
   * @param withPooler include the pooler's parameters (ignored for families without one)
   * @return the parameter specs
   */
  List<ParameterSpec> parameters(boolean withPooler);

  /**
   * @return the parameters including the pooler where the family has one
   */
  default List<ParameterSpec> parameters() {
    return parameters(true);
  }

  /**
   * @return the total number of scalar parameters, pooler included
   */
  default long parameterCount() {
    return parameters().stream().mapToLong(ParameterSpec::size).sum();
  }
}
