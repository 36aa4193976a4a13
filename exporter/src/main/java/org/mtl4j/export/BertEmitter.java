package org.mtl4j.export;

import org.mtl4j.zoo.encoder.BertConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.PostNormLayerNames;

/**
 * BERT and RoBERTa. BERT reads {@code token_type_ids} and numbers positions from 0; RoBERTa has no
 * token-type input (its one-row table is added to every token) and derives positions in the graph
 * from the attention mask and the padding index.
 *
 * @param config the hyper-parameters
 */
record BertEmitter(BertConfig config) implements EncoderEmitter {

  @Override
  public EncoderGraph emit(GraphOps ops, GraphInputs in, boolean withPooler) {
    boolean roberta = config.family() == EncoderFamily.ROBERTA;
    String positions =
        roberta
            ? Embeddings.paddingOffsetPositions(ops, in.attentionMask(), config.padTokenId())
            : Embeddings.absolutePositions(ops, in.inputIds());
    String types = roberta ? ops.longScalar("type0", 0) : in.tokenTypeIds();
    String h = Embeddings.emit(ops, in.inputIds(), positions, types, config.layerNormEps());
    String bias = ops.additiveMask(in.attentionMask());
    for (int i = 0; i < config.numLayers(); i++) {
      h =
          new PostNormLayerEmitter(PostNormLayerNames.BERT.under("encoder.layer." + i + "."))
              .emit(
                  ops,
                  h,
                  bias,
                  config.numHeads(),
                  config.hiddenSize(),
                  config.activation(),
                  config.layerNormEps());
    }
    String pooled =
        withPooler ? ops.unary("Tanh", ops.linear("pooler.dense", ops.token(h, 0))) : null;
    return new EncoderGraph(h, pooled);
  }
}
