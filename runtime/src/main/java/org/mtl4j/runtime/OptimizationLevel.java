package org.mtl4j.runtime;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/** ONNX Runtime graph optimisation levels; {@link #ALL} includes the BERT fusions. */
public enum OptimizationLevel {
  /** No graph optimisation. */
  NONE(OptLevel.NO_OPT),
  /** Constant folding and redundant-node removal. */
  BASIC(OptLevel.BASIC_OPT),
  /** Basic plus complex fusions (Attention, SkipLayerNorm, Gelu). */
  EXTENDED(OptLevel.EXTENDED_OPT),
  /** Everything, including layout optimisations. */
  ALL(OptLevel.ALL_OPT);

  private final OptLevel ort;

  OptimizationLevel(OptLevel ort) {
    this.ort = ort;
  }

  OptLevel ort() {
    return ort;
  }
}
