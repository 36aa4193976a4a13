/**
 * Summaries of models for people and tools: {@link org.mtl4j.graph.inspect.ModelSummary} is what
 * {@code mtl inspect} prints (IR version, opsets, typed inputs and outputs, node count, operator
 * histogram, parameter count and bytes, metadata keys).
 */
package org.mtl4j.graph.inspect;
