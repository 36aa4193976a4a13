package org.mtl4j.export;

import org.mtl4j.zoo.encoder.DistilBertConfig;
import org.mtl4j.zoo.encoder.PostNormLayerNames;

/**
 * DistilBERT: no token types, positions from 0, no pooler.
 *
 * @param config the hyper-parameters
 */
record DistilBertEmitter(DistilBertConfig config) implements EncoderEmitter {

  @Override
  public EncoderGraph emit(GraphOps ops, GraphInputs in, boolean withPooler) {
    String h =
        Embeddings.emit(
            ops,
            in.inputIds(),
            Embeddings.absolutePositions(ops, in.inputIds()),
            null,
            config.layerNormEps());
    String bias = ops.additiveMask(in.attentionMask());
    for (int i = 0; i < config.numLayers(); i++) {
      h =
          new PostNormLayerEmitter(
                  PostNormLayerNames.DISTILBERT.under("transformer.layer." + i + "."))
              .emit(
                  ops,
                  h,
                  bias,
                  config.numHeads(),
                  config.hiddenSize(),
                  config.activation(),
                  config.layerNormEps());
    }
    return new EncoderGraph(h, null);
  }
}
