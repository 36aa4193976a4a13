package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;

/** The current values of a block's parameters during one forward pass, by HuggingFace name. */
@FunctionalInterface
interface Weights {

  /**
   * The array of the named parameter.
   *
   * @throws IllegalArgumentException if the block has no parameter of that name
   */
  NDArray get(String name);

  /** The {@code .weight} of a module. */
  default NDArray weight(String module) {
    return get(module + ".weight");
  }

  /** The {@code .bias} of a module. */
  default NDArray bias(String module) {
    return get(module + ".bias");
  }

  /**
   * Applies the linear module {@code module} ({@code .weight} {@code [out, in]}, {@code .bias}).
   */
  default NDArray linear(String module, NDArray x) {
    return TransformerOps.linear(x, weight(module), bias(module));
  }

  /** Applies the layer-norm module {@code module} ({@code .weight}, {@code .bias}). */
  default NDArray layerNorm(String module, NDArray x, float epsilon) {
    return TransformerOps.layerNorm(x, weight(module), bias(module), epsilon);
  }
}
