package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.zoo.encoder.AlbertConfig;
import org.mtl4j.zoo.encoder.PostNormLayerNames;

/**
 * ALBERT ({@code AlbertModel}): embeddings of width {@code embedding_size} projected to the hidden
 * width by {@code encoder.embedding_hidden_mapping_in}; {@code num_hidden_layers} applications of
 * shared layer groups ({@code encoder.albert_layer_groups.G.albert_layers.K}, layer {@code i} using
 * group {@link AlbertConfig#groupOfLayer}); a {@code pooler} linear with tanh on the first token.
 * As in transformers, the feed-forward output has no dropout.
 */
public final class AlbertBlock extends EncoderBlock {

  private final AlbertConfig config;
  private final List<List<PostNormLayer>> groups = new ArrayList<>();

  /**
   * @param config ALBERT hyper-parameters
   * @param withPooler whether to include {@code pooler} and return {@code pooler_output}
   */
  public AlbertBlock(AlbertConfig config, boolean withPooler) {
    super(config, withPooler);
    this.config = config;
    for (int g = 0; g < config.numHiddenGroups(); g++) {
      List<PostNormLayer> group = new ArrayList<>();
      for (int k = 0; k < config.innerGroupNum(); k++) {
        String prefix = "encoder.albert_layer_groups." + g + ".albert_layers." + k + ".";
        group.add(postNormLayer(PostNormLayerNames.ALBERT.under(prefix), 0f));
      }
      groups.add(group);
    }
  }

  @Override
  protected NDArray encode(Weights weights, EncoderInputs inputs, boolean training) {
    NDArray embedded =
        BertEmbeddings.embed(
            weights,
            inputs.inputIds(),
            BertEmbeddings.absolutePositions(inputs.inputIds()),
            inputs.tokenTypesOrZeros(),
            epsilon(),
            hiddenDropout(),
            training);
    NDArray h = weights.linear("encoder.embedding_hidden_mapping_in", embedded);
    NDArray bias = TransformerOps.additiveMask(inputs.attentionMask());
    for (int i = 0; i < config.numLayers(); i++) {
      for (PostNormLayer layer : groups.get(config.groupOfLayer(i))) {
        h = layer.forward(weights, h, bias, training);
      }
    }
    return h;
  }

  @Override
  protected int maxSequenceLength() {
    return config.maxPositions();
  }

  @Override
  protected NDArray pool(Weights weights, NDArray sequence) {
    return weights.linear("pooler", sequence.get(":, 0, :")).tanh();
  }
}
