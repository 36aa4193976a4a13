package org.mtl4j.zoo.encoder;

/** What a parameter is, so that initialisation and graph recovery need no name parsing. */
public enum ParameterKind {
  /** An embedding table {@code [rows, width]}. */
  EMBEDDING,
  /** A linear layer's weight, PyTorch layout {@code [out, in]}. */
  LINEAR_WEIGHT,
  /** A linear layer's bias {@code [out]}. */
  LINEAR_BIAS,
  /** A layer normalisation's scale {@code [width]}. */
  NORM_WEIGHT,
  /** A layer normalisation's shift {@code [width]}. */
  NORM_BIAS,
  /**
   * Any other tensor: XLNet's projections {@code [d_model, n_head, d_head]}, its biases {@code
   * [n_head, d_head]}, segment embedding {@code [2, n_head, d_head]} and {@code mask_emb}.
   */
  OTHER
}
