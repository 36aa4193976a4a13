package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.mtl4j.zoo.encoder.Activation;

/**
 * One XLNet layer, content stream only: relative positional multi-head attention with segment
 * encoding ({@code rel_attn}), then the feed-forward network ({@code ff}), each with a residual and
 * a layer norm, as transformers' {@code XLNetLayer} computes it without memory or target mapping.
 *
 * @param prefix the layer's HuggingFace prefix, for example {@code "layer.3."}
 * @param activation the feed-forward activation ({@code ff_activation})
 * @param epsilon the layer-norm epsilon
 * @param dropout the dropout rate on attention probabilities and projections
 */
record RelativeAttentionLayer(String prefix, Activation activation, float epsilon, float dropout) {

  /** The bias XLNet subtracts from masked attention scores. */
  private static final float MASK_PENALTY = 1e30f;

  /**
   * The sinusoidal encoding of the relative distances {@code T, T-1, ..., -T+1} between a query and
   * a key, {@code [2T, width]}, as {@code XLNetModel.relative_positional_encoding} builds it for
   * bidirectional attention; distances are clamped to {@code ±clamp} when {@code clamp > 0}.
   */
  static NDArray relativePositions(NDManager manager, int length, int width, int clamp) {
    NDArray distances = manager.arange((float) length, (float) -length, -1f);
    if (clamp > 0) {
      distances = distances.clip(-clamp, clamp);
    }
    NDArray exponents = manager.arange(0f, (float) width, 2f).div((float) width);
    NDArray inverseFrequencies = manager.create(10000f).pow(exponents).pow(-1f);
    NDArray angles = distances.reshape(-1, 1).mul(inverseFrequencies.reshape(1, -1));
    return angles.sin().concat(angles.cos(), 1);
  }

  /**
   * The score penalty {@code [batch, 1, T, T]}: {@link #MASK_PENALTY} where key {@code j} is
   * padding and not the query itself ({@code non_tgt_mask}), 0 elsewhere.
   */
  static NDArray maskPenalty(NDArray attentionMask) {
    long length = attentionMask.getShape().get(1);
    NDArray padding = attentionMask.toType(DataType.FLOAT32, false).neg().add(1f);
    NDArray self = attentionMask.getManager().eye((int) length).reshape(1, 1, length, length);
    NDArray masked = padding.reshape(-1, 1, 1, length).sub(self).gt(0f);
    return masked.toType(DataType.FLOAT32, false).mul(MASK_PENALTY);
  }

  /**
   * Whether tokens {@code i} and {@code j} lie in different segments, {@code [batch, 1, T, T]} of
   * 0/1 ({@code seg_mat}).
   */
  static NDArray segmentDifference(NDArray tokenTypeIds) {
    long length = tokenTypeIds.getShape().get(1);
    NDArray rows = tokenTypeIds.reshape(-1, 1, length, 1);
    NDArray columns = tokenTypeIds.reshape(-1, 1, 1, length);
    return rows.neq(columns).toType(DataType.FLOAT32, false);
  }

  /**
   * Applies the layer.
   *
   * @param weights the parameter values
   * @param h the content stream, {@code [batch, T, width]}
   * @param positions {@link #relativePositions}, after dropout
   * @param penalty {@link #maskPenalty}
   * @param segments {@link #segmentDifference}
   * @param training whether dropout is active
   * @return the new content stream
   */
  NDArray forward(
      Weights weights,
      NDArray h,
      NDArray positions,
      NDArray penalty,
      NDArray segments,
      boolean training) {
    String attn = prefix + "rel_attn.";
    NDArray query = project(h, weights.get(attn + "q"));
    NDArray key = project(h, weights.get(attn + "k"));
    NDArray value = project(h, weights.get(attn + "v"));
    NDArray positionKey = project(positions.expandDims(0), weights.get(attn + "r"));
    long length = h.getShape().get(1);
    long headSize = query.getShape().get(3);

    NDArray content =
        biased(query, weights.get(attn + "r_w_bias")).matMul(key.transpose(0, 1, 3, 2));
    NDArray position =
        shiftRelative(
            biased(query, weights.get(attn + "r_r_bias")).matMul(positionKey.transpose(0, 1, 3, 2)),
            length);
    NDArray segmentEmbed = weights.get(attn + "seg_embed"); // [2, heads, headSize]
    NDArray perSegment =
        biased(query, weights.get(attn + "r_s_bias"))
            .matMul(owned(segmentEmbed.transpose(1, 2, 0), h));
    NDArray same = perSegment.get(":, :, :, 0:1");
    NDArray different = perSegment.get(":, :, :, 1:2");
    NDArray segment = same.add(different.sub(same).mul(segments));

    NDArray scores =
        TransformerOps.times(content.add(position).add(segment), 1f / (float) Math.sqrt(headSize))
            .sub(penalty);
    NDArray probabilities = TransformerOps.dropout(scores.softmax(3), dropout, training);
    NDArray context = TransformerOps.mergeHeads(probabilities.matMul(value));
    NDArray output = weights.get(attn + "o");
    NDArray attended =
        context.matMul(owned(output.reshape(output.getShape().get(0), -1), h).transpose());
    NDArray x =
        weights.layerNorm(
            attn + "layer_norm",
            h.add(TransformerOps.dropout(attended, dropout, training)),
            epsilon);

    String ff = prefix + "ff.";
    NDArray inner =
        TransformerOps.dropout(
            TransformerOps.activate(activation, weights.linear(ff + "layer_1", x)),
            dropout,
            training);
    NDArray out = TransformerOps.dropout(weights.linear(ff + "layer_2", inner), dropout, training);
    return weights.layerNorm(ff + "layer_norm", x.add(out), epsilon);
  }

  /**
   * {@code [b, T, width]} · {@code [width, heads, headSize]} to {@code [b, heads, T, headSize]}.
   */
  private static NDArray project(NDArray x, NDArray weight) {
    Shape w = weight.getShape();
    Shape s = x.getShape();
    return x.matMul(owned(weight.reshape(w.get(0), -1), x))
        .reshape(s.get(0), s.get(1), w.get(1), w.get(2))
        .transpose(0, 2, 1, 3);
  }

  /** Adds a per-head bias {@code [heads, headSize]} to {@code [b, heads, T, headSize]}. */
  private static NDArray biased(NDArray x, NDArray bias) {
    Shape b = bias.getShape();
    return x.add(owned(bias.reshape(1, b.get(0), 1, b.get(1)), x));
  }

  /**
   * Hands an array derived from a parameter (which DJL attaches to the parameter's manager) to the
   * manager of this pass's activations, so that it is freed with the batch.
   */
  private static NDArray owned(NDArray derived, NDArray activation) {
    if (derived.getManager() != activation.getManager()) {
      derived.attach(activation.getManager());
    }
    return derived;
  }

  /**
   * Aligns scores against relative distances {@code [b, heads, T, 2T]} to scores against keys
   * {@code [b, heads, T, T]} ({@code rel_shift_bnij}): entry {@code (i, j)} takes distance {@code i
   * - j}.
   */
  private static NDArray shiftRelative(NDArray scores, long length) {
    Shape s = scores.getShape();
    return scores
        .reshape(s.get(0), s.get(1), s.get(3), s.get(2))
        .get(":, :, 1:, :")
        .reshape(s.get(0), s.get(1), s.get(2), s.get(3) - 1)
        .get(":, :, :, 0:" + length);
  }
}
