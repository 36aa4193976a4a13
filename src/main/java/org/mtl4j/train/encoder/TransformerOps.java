package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import org.mtl4j.zoo.encoder.Activation;

/**
 * The tensor operations the encoder blocks are built from, written once on DJL's {@link NDArray} so
 * that every family computes attention, normalisation and projections the same way.
 *
 * <p>Weights follow PyTorch's layout: a linear weight is {@code [out, in]}, an embedding table is
 * {@code [rows, width]}. Activations are {@code [batch, sequence, width]}.
 */
final class TransformerOps {

  /** The additive fill for masked attention scores, as transformers uses for float32. */
  static final float MASK_FILL = -Float.MAX_VALUE;

  private TransformerOps() {}

  /** {@code x · weightᵀ + bias}. */
  static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return Linear.linear(x, weight, bias).singletonOrThrow();
  }

  /** Rows of {@code table} selected by the integer {@code ids}; the result gains a last axis. */
  static NDArray embed(NDArray ids, NDArray table) {
    return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  /** Layer normalisation over the last axis with the family's epsilon. */
  static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float epsilon) {
    return LayerNorm.layerNorm(x, new Shape(x.getShape().tail()), gamma, beta, epsilon)
        .singletonOrThrow();
  }

  /**
   * Applies a family's feed-forward activation element-wise. Exact GELU is written out in its erf
   * form and the tanh approximation in its formula, with constants from {@link Scalars}.
   */
  static NDArray activate(Activation activation, NDArray x) {
    return switch (activation) {
      case GELU -> half(x.mul(times(x, (float) (1 / Math.sqrt(2.0))).erf().add(1f)));
      case GELU_TANH -> {
        NDArray inner =
            times(x.add(times(x.mul(x).mul(x), 0.044715f)), (float) Math.sqrt(2.0 / Math.PI));
        yield half(x.mul(inner.tanh().add(1f)));
      }
      case RELU -> ai.djl.nn.Activation.relu(x);
    };
  }

  /** {@code x · factor}, safe under autograd ({@link Scalars}). */
  static NDArray times(NDArray x, float factor) {
    return Scalars.apply(x, NDArray::mul, factor);
  }

  private static NDArray half(NDArray x) {
    return times(x, 0.5f);
  }

  /** Inverted dropout while training, the identity otherwise. */
  static NDArray dropout(NDArray x, float rate, boolean training) {
    if (!training || rate == 0f) {
      return x;
    }
    return Dropout.dropout(x, rate, true).singletonOrThrow();
  }

  /**
   * The additive attention bias of a {@code [batch, sequence]} mask (1 = token, 0 = padding):
   * {@code [batch, 1, 1, sequence]} holding 0 for tokens and {@link #MASK_FILL} for padding.
   */
  static NDArray additiveMask(NDArray attentionMask) {
    Shape shape = attentionMask.getShape();
    NDArray padding = attentionMask.toType(DataType.FLOAT32, false).neg().add(1f);
    return padding.mul(MASK_FILL).reshape(shape.get(0), 1, 1, shape.get(1));
  }

  /** {@code [batch, sequence, heads·headSize]} to {@code [batch, heads, sequence, headSize]}. */
  static NDArray splitHeads(NDArray x, int heads) {
    Shape shape = x.getShape();
    return x.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads).transpose(0, 2, 1, 3);
  }

  /** {@code [batch, heads, sequence, headSize]} to {@code [batch, sequence, heads·headSize]}. */
  static NDArray mergeHeads(NDArray x) {
    Shape shape = x.getShape();
    return x.transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), shape.get(1) * shape.get(3));
  }

  /**
   * Scaled dot-product attention of split heads: {@code softmax(q·kᵀ/√d + bias)·v}, with dropout on
   * the probabilities while training. {@code bias} broadcasts to {@code [batch, heads, query,
   * key]}.
   */
  static NDArray attention(
      NDArray query, NDArray key, NDArray value, NDArray bias, float dropout, boolean training) {
    float scale = 1f / (float) Math.sqrt(query.getShape().get(3));
    NDArray scores = times(query.matMul(key.transpose(0, 1, 3, 2)), scale).add(bias);
    NDArray probabilities = dropout(scores.softmax(3), dropout, training);
    return probabilities.matMul(value);
  }
}
