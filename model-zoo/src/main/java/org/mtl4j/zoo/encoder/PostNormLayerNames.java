package org.mtl4j.zoo.encoder;

/**
 * The HuggingFace module names (without {@code .weight} / {@code .bias}) of one post-norm
 * transformer layer, the layer BERT, RoBERTa, DistilBERT and ALBERT share: self-attention,
 * residual, layer norm, feed-forward, residual, layer norm. The parameter specs, the training
 * blocks and the ONNX emitters all read a family's names from here.
 *
 * @param query the query projection
 * @param key the key projection
 * @param value the value projection
 * @param attentionOutput the projection of the merged heads
 * @param attentionNorm the layer norm after attention
 * @param intermediate the first feed-forward projection
 * @param output the second feed-forward projection
 * @param outputNorm the layer norm after the feed-forward network
 */
public record PostNormLayerNames(
    String query,
    String key,
    String value,
    String attentionOutput,
    String attentionNorm,
    String intermediate,
    String output,
    String outputNorm) {

  /** BERT's and RoBERTa's layer, under {@code encoder.layer.<i>.}. */
  public static final PostNormLayerNames BERT =
      new PostNormLayerNames(
          "attention.self.query",
          "attention.self.key",
          "attention.self.value",
          "attention.output.dense",
          "attention.output.LayerNorm",
          "intermediate.dense",
          "output.dense",
          "output.LayerNorm");

  /** DistilBERT's layer, under {@code transformer.layer.<i>.}. */
  public static final PostNormLayerNames DISTILBERT =
      new PostNormLayerNames(
          "attention.q_lin",
          "attention.k_lin",
          "attention.v_lin",
          "attention.out_lin",
          "sa_layer_norm",
          "ffn.lin1",
          "ffn.lin2",
          "output_layer_norm");

  /** ALBERT's layer, under {@code encoder.albert_layer_groups.<g>.albert_layers.<k>.}. */
  public static final PostNormLayerNames ALBERT =
      new PostNormLayerNames(
          "attention.query",
          "attention.key",
          "attention.value",
          "attention.dense",
          "attention.LayerNorm",
          "ffn",
          "ffn_output",
          "full_layer_layer_norm");

  /**
   * @param prefix the layer's module path, ending in a dot
   * @return the same names under {@code prefix}
   */
  public PostNormLayerNames under(String prefix) {
    return new PostNormLayerNames(
        prefix + query,
        prefix + key,
        prefix + value,
        prefix + attentionOutput,
        prefix + attentionNorm,
        prefix + intermediate,
        prefix + output,
        prefix + outputNorm);
  }
}
