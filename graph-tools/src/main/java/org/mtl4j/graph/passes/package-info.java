/**
 * Graph optimisation passes and the pipeline that runs them to a fixed point: {@link
 * org.mtl4j.graph.passes.GraphOptimizer} applies an {@link
 * org.mtl4j.graph.passes.OptimizationLevel} (clean-up, ONNX Runtime fusions, int8, fp16) and
 * reports per pass what it changed.
 */
package org.mtl4j.graph.passes;
