package org.mtl4j.zoo.encoder;

import java.util.ArrayList;
import java.util.List;

/** Collects a family's parameter list in state_dict order; used by the config records. */
final class ParameterListBuilder {

  private final List<ParameterSpec> specs = new ArrayList<>();
  private boolean pooler;

  /** Marks the parameters added from now on as the pooler's. */
  ParameterListBuilder pooler() {
    pooler = true;
    return this;
  }

  ParameterListBuilder add(String name, ParameterKind kind, long... shape) {
    specs.add(new ParameterSpec(name, shape, kind, pooler));
    return this;
  }

  ParameterListBuilder embedding(String name, long rows, long width) {
    return add(name, ParameterKind.EMBEDDING, rows, width);
  }

  /** Adds {@code prefix.weight [out, in]} and {@code prefix.bias [out]}. */
  ParameterListBuilder linear(String prefix, long in, long out) {
    add(prefix + ".weight", ParameterKind.LINEAR_WEIGHT, out, in);
    return add(prefix + ".bias", ParameterKind.LINEAR_BIAS, out);
  }

  /** Adds {@code prefix.weight [width]} and {@code prefix.bias [width]}. */
  ParameterListBuilder norm(String prefix, long width) {
    add(prefix + ".weight", ParameterKind.NORM_WEIGHT, width);
    return add(prefix + ".bias", ParameterKind.NORM_BIAS, width);
  }

  /** Adds a post-norm layer of width {@code hidden} and feed-forward width {@code inner}. */
  ParameterListBuilder postNormLayer(PostNormLayerNames names, long hidden, long inner) {
    return attentionAndFeedForward(names, hidden, inner).norm(names.outputNorm(), hidden);
  }

  /** {@link #postNormLayer} in ALBERT's state_dict order, which lists the last norm first. */
  ParameterListBuilder postNormLayerOutputNormFirst(
      PostNormLayerNames names, long hidden, long inner) {
    return norm(names.outputNorm(), hidden).attentionAndFeedForward(names, hidden, inner);
  }

  private ParameterListBuilder attentionAndFeedForward(
      PostNormLayerNames names, long hidden, long inner) {
    return linear(names.query(), hidden, hidden)
        .linear(names.key(), hidden, hidden)
        .linear(names.value(), hidden, hidden)
        .linear(names.attentionOutput(), hidden, hidden)
        .norm(names.attentionNorm(), hidden)
        .linear(names.intermediate(), hidden, inner)
        .linear(names.output(), inner, hidden);
  }

  List<ParameterSpec> build() {
    return List.copyOf(specs);
  }
}
