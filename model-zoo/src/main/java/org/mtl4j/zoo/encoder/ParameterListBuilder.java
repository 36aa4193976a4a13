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

  List<ParameterSpec> build() {
    return List.copyOf(specs);
  }
}
