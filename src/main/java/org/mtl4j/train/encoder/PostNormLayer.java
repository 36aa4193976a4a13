package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.PostNormLayerNames;

/**
 * One post-norm transformer layer as BERT, RoBERTa, DistilBERT and ALBERT compute it: multi-head
 * self-attention, residual, layer norm, then the feed-forward network, residual, layer norm. Only
 * the module names differ between the families.
 *
 * @param names the HuggingFace module names of this layer
 * @param heads the number of attention heads
 * @param activation the feed-forward activation
 * @param epsilon the layer-norm epsilon
 * @param hiddenDropout the dropout after the attention's output projection
 * @param outputDropout the dropout after the feed-forward network (0 for ALBERT, which has none)
 * @param attentionDropout the dropout on the attention probabilities
 */
record PostNormLayer(
    PostNormLayerNames names,
    int heads,
    Activation activation,
    float epsilon,
    float hiddenDropout,
    float outputDropout,
    float attentionDropout) {

  /**
   * Applies the layer.
   *
   * @param weights the parameter values
   * @param x {@code [batch, sequence, hidden]}
   * @param maskBias the additive attention bias, {@code [batch, 1, 1, sequence]}
   * @param training whether dropout is active
   * @return {@code [batch, sequence, hidden]}
   */
  NDArray forward(Weights weights, NDArray x, NDArray maskBias, boolean training) {
    NDArray query = TransformerOps.splitHeads(weights.linear(names.query(), x), heads);
    NDArray key = TransformerOps.splitHeads(weights.linear(names.key(), x), heads);
    NDArray value = TransformerOps.splitHeads(weights.linear(names.value(), x), heads);
    NDArray context =
        TransformerOps.attention(query, key, value, maskBias, attentionDropout, training);
    NDArray attended = weights.linear(names.attentionOutput(), TransformerOps.mergeHeads(context));
    NDArray h =
        weights.layerNorm(
            names.attentionNorm(),
            x.add(TransformerOps.dropout(attended, hiddenDropout, training)),
            epsilon);
    NDArray inner = TransformerOps.activate(activation, weights.linear(names.intermediate(), h));
    NDArray out = weights.linear(names.output(), inner);
    return weights.layerNorm(
        names.outputNorm(), h.add(TransformerOps.dropout(out, outputDropout, training)), epsilon);
  }
}
