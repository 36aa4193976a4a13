package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.PostNormLayerNames;

/**
 * BERT ({@code BertModel}) and RoBERTa ({@code RobertaModel}), which share their architecture and
 * parameter names. They differ only in the embeddings' inputs: BERT reads {@code token_type_ids}
 * and numbers positions from 0; RoBERTa has no token-type input (its one-row table is added for
 * every token) and numbers real tokens {@code pad+1, pad+2, ...} in order, padding {@code pad}, as
 * transformers' {@code create_position_ids_from_input_ids} does. RoBERTa's positions are derived
 * from the attention mask, which equals transformers' {@code input_ids != pad} for every batch the
 * tokenizer pads, and keeps real tokens' outputs independent of the ids at padded positions.
 */
public final class BertBlock extends EncoderBlock {

  private final BertConfig config;
  private final List<PostNormLayer> layers = new ArrayList<>();

  /**
   * @param config BERT or RoBERTa hyper-parameters
   * @param withPooler whether to include {@code pooler.dense} and return {@code pooler_output}
   */
  public BertBlock(BertConfig config, boolean withPooler) {
    super(config, withPooler);
    this.config = config;
    for (int i = 0; i < config.numLayers(); i++) {
      layers.add(
          postNormLayer(
              PostNormLayerNames.BERT.under("encoder.layer." + i + "."), hiddenDropout()));
    }
  }

  @Override
  protected NDArray encode(Weights weights, EncoderInputs inputs, boolean training) {
    boolean roberta = config.family() == EncoderFamily.ROBERTA;
    NDArray positions =
        roberta
            ? paddingOffsetPositions(inputs.attentionMask(), config.padTokenId())
            : BertEmbeddings.absolutePositions(inputs.inputIds());
    NDArray types = roberta ? inputs.inputIds().zerosLike() : inputs.tokenTypesOrZeros();
    NDArray h =
        BertEmbeddings.embed(
            weights, inputs.inputIds(), positions, types, epsilon(), hiddenDropout(), training);
    NDArray bias = TransformerOps.additiveMask(inputs.attentionMask());
    for (PostNormLayer layer : layers) {
      h = layer.forward(weights, h, bias, training);
    }
    return h;
  }

  @Override
  protected int maxSequenceLength() {
    return config.maxSequenceLength();
  }

  @Override
  protected NDArray pool(Weights weights, NDArray sequence) {
    return weights.linear("pooler.dense", sequence.get(":, 0, :")).tanh();
  }

  /** RoBERTa's positions: {@code cumsum(mask) * mask + pad}. */
  static NDArray paddingOffsetPositions(NDArray attentionMask, int padTokenId) {
    return attentionMask.cumSum(1).mul(attentionMask).add((long) padTokenId);
  }
}
