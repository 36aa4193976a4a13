package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.mtl4j.zoo.encoder.XLNetConfig;

/**
 * XLNet ({@code XLNetModel}) as a bidirectional encoder: the content stream only (no query stream,
 * no memory, no permutation mask), relative positional attention with segment encoding, no pooler.
 * Sequences are padded on the left and end with {@code <sep> <cls>}, so the summary token sits in
 * the last column whatever the padding; a padded position attends only to itself, as transformers'
 * {@code non_tgt_mask} makes it. {@code mask_emb} belongs to the query stream and is carried, not
 * used.
 */
public final class XLNetBlock extends EncoderBlock {

  private final XLNetConfig config;
  private final List<RelativeAttentionLayer> layers = new ArrayList<>();

  /**
   * @param config XLNet hyper-parameters
   * @throws IllegalArgumentException for {@code bi_data}, a pre-training setting this block does
   *     not compute
   */
  public XLNetBlock(XLNetConfig config) {
    super(config, false);
    if (config.biData()) {
      throw new IllegalArgumentException(
          "xlnet with bi_data=true (bidirectional pre-training data) is not supported; set it to"
              + " false in config.json");
    }
    this.config = config;
    for (int i = 0; i < config.numLayers(); i++) {
      layers.add(
          new RelativeAttentionLayer(
              "layer." + i + ".", config.activation(), epsilon(), hiddenDropout()));
    }
  }

  @Override
  protected NDArray encode(Weights weights, EncoderInputs inputs, boolean training) {
    int length = Math.toIntExact(inputs.inputIds().getShape().get(1));
    NDArray h =
        TransformerOps.dropout(
            TransformerOps.embed(inputs.inputIds(), weights.weight("word_embedding")),
            hiddenDropout(),
            training);
    NDArray positions =
        TransformerOps.dropout(
            RelativeAttentionLayer.relativePositions(
                    inputs.inputIds().getManager(), length, config.hiddenSize(), config.clampLen())
                .toDevice(h.getDevice(), false),
            hiddenDropout(),
            training);
    NDArray penalty = RelativeAttentionLayer.maskPenalty(inputs.attentionMask());
    NDArray segments = RelativeAttentionLayer.segmentDifference(inputs.tokenTypesOrZeros());
    for (RelativeAttentionLayer layer : layers) {
      h = layer.forward(weights, h, positions, penalty, segments, training);
    }
    return TransformerOps.dropout(h, hiddenDropout(), training);
  }
}
