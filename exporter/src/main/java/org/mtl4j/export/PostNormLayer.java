package org.mtl4j.export;

import org.mtl4j.zoo.encoder.Activation;

/**
 * One post-norm transformer layer (BERT, RoBERTa, DistilBERT, ALBERT): self-attention, residual,
 * layer norm, feed-forward, residual, layer norm. Only the module names differ between families.
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
record PostNormLayer(
    String query,
    String key,
    String value,
    String attentionOutput,
    String attentionNorm,
    String intermediate,
    String output,
    String outputNorm) {

  /** The same names under {@code prefix}. */
  PostNormLayer under(String prefix) {
    return new PostNormLayer(
        prefix + query, prefix + key, prefix + value, prefix + attentionOutput,
        prefix + attentionNorm, prefix + intermediate, prefix + output, prefix + outputNorm);
  }

  /**
   * Emits the layer.
   *
   * @param ops the graph
   * @param x {@code [batch, sequence, hidden]}
   * @param maskBias {@link GraphOps#additiveMask}
   * @param heads attention heads
   * @param hidden the hidden width
   * @param activation the feed-forward activation
   * @param epsilon the layer-norm epsilon
   * @return the layer's output
   */
  String emit(
      GraphOps ops, String x, String maskBias, int heads, int hidden, Activation activation,
      double epsilon) {
    int size = hidden / heads;
    String q = ops.splitHeads(ops.linear(query, x), heads, size);
    String kT = ops.transpose(ops.reshape(ops.linear(key, x), 0, 0, heads, size), 0, 2, 3, 1);
    String v = ops.splitHeads(ops.linear(value, x), heads, size);
    String scores =
        ops.add(ops.mulScalar(ops.matMul(q, kT), 1f / (float) Math.sqrt(size)), maskBias);
    String probabilities = ops.builder().op("Softmax").in(scores).attr("axis", -1L).out();
    String context = ops.mergeHeads(ops.matMul(probabilities, v), hidden);
    String h = ops.layerNorm(attentionNorm, ops.add(x, ops.linear(attentionOutput, context)), epsilon);
    String inner = ops.activate(activation, ops.linear(intermediate, h));
    return ops.layerNorm(outputNorm, ops.add(h, ops.linear(output, inner)), epsilon);
  }
}
