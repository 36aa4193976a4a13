package org.mtl4j.export;

import org.mtl4j.zoo.encoder.AlbertConfig;
import org.mtl4j.zoo.encoder.PostNormLayerNames;

/**
 * ALBERT: factorised embedding projected to the hidden width, and layer groups applied many times.
 * Every application of a group refers to the group's one set of initializers, so shared weights are
 * stored once.
 *
 * @param config the hyper-parameters
 */
record AlbertEmitter(AlbertConfig config) implements EncoderEmitter {

  @Override
  public EncoderGraph emit(GraphOps ops, GraphInputs in, boolean withPooler) {
    String embedded =
        Embeddings.emit(
            ops,
            in.inputIds(),
            Embeddings.absolutePositions(ops, in.inputIds()),
            in.tokenTypeIds(),
            config.layerNormEps());
    String h = ops.linear("encoder.embedding_hidden_mapping_in", embedded);
    String bias = ops.additiveMask(in.attentionMask());
    for (int i = 0; i < config.numLayers(); i++) {
      int group = config.groupOfLayer(i);
      for (int k = 0; k < config.innerGroupNum(); k++) {
        String prefix = "encoder.albert_layer_groups." + group + ".albert_layers." + k + ".";
        h =
            new PostNormLayerEmitter(PostNormLayerNames.ALBERT.under(prefix))
                .emit(
                    ops,
                    h,
                    bias,
                    config.numHeads(),
                    config.hiddenSize(),
                    config.activation(),
                    config.layerNormEps());
      }
    }
    String pooled = withPooler ? ops.unary("Tanh", ops.linear("pooler", ops.token(h, 0))) : null;
    return new EncoderGraph(h, pooled);
  }
}
