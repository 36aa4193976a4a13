/**
 * Fusions into ONNX Runtime's {@code com.microsoft} contrib operators (schemas from ONNX Runtime's
 * ContribOperators documentation): layer norms, GELU, BERT-style self-attention.
 */
package org.mtl4j.graph.passes.fusion;
