package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.zoo.encoder.DistilBertConfig;
import org.mtl4j.zoo.encoder.PostNormLayerNames;

/**
 * DistilBERT ({@code DistilBertModel}): word and position embeddings only (no token types),
 * post-norm layers under {@code transformer.layer.N}, no pooler; layer-norm epsilon 1e-12.
 */
public final class DistilBertBlock extends EncoderBlock {

  private final DistilBertConfig config;
  private final List<PostNormLayer> layers = new ArrayList<>();

  /**
   * @param config DistilBERT hyper-parameters
   */
  public DistilBertBlock(DistilBertConfig config) {
    super(config, false);
    this.config = config;
    for (int i = 0; i < config.numLayers(); i++) {
      layers.add(
          postNormLayer(
              PostNormLayerNames.DISTILBERT.under("transformer.layer." + i + "."),
              hiddenDropout()));
    }
  }

  @Override
  protected int maxSequenceLength() {
    return config.maxPositions();
  }

  @Override
  protected NDArray encode(Weights weights, EncoderInputs inputs, boolean training) {
    NDArray h =
        BertEmbeddings.embed(
            weights,
            inputs.inputIds(),
            BertEmbeddings.absolutePositions(inputs.inputIds()),
            null,
            epsilon(),
            hiddenDropout(),
            training);
    NDArray bias = TransformerOps.additiveMask(inputs.attentionMask());
    for (PostNormLayer layer : layers) {
      h = layer.forward(weights, h, bias, training);
    }
    return h;
  }
}
