package org.mtl4j.export;

import org.mtl4j.zoo.encoder.Activation;
import org.mtl4j.zoo.encoder.PostNormLayerNames;

/**
 * One post-norm transformer layer (BERT, RoBERTa, DistilBERT, ALBERT): self-attention, residual,
 * layer norm, feed-forward, residual, layer norm. Only the module names differ between families.
 *
 * @param names the layer's HuggingFace module names
 */
record PostNormLayerEmitter(PostNormLayerNames names) {

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
      GraphOps ops,
      String x,
      String maskBias,
      int heads,
      int hidden,
      Activation activation,
      double epsilon) {
    int size = hidden / heads;
    String q = ops.splitHeads(ops.linear(names.query(), x), heads, size);
    String kT =
        ops.transpose(ops.reshape(ops.linear(names.key(), x), 0, 0, heads, size), 0, 2, 3, 1);
    String v = ops.splitHeads(ops.linear(names.value(), x), heads, size);
    String scores =
        ops.add(ops.mulScalar(ops.matMul(q, kT), 1f / (float) Math.sqrt(size)), maskBias);
    String probabilities = ops.builder().op("Softmax").in(scores).attr("axis", -1L).out();
    String context = ops.mergeHeads(ops.matMul(probabilities, v), hidden);
    String h =
        ops.layerNorm(
            names.attentionNorm(),
            ops.add(x, ops.linear(names.attentionOutput(), context)),
            epsilon);
    String inner = ops.activate(activation, ops.linear(names.intermediate(), h));
    return ops.layerNorm(
        names.outputNorm(), ops.add(h, ops.linear(names.output(), inner)), epsilon);
  }
}
