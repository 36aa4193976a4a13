/**
 * The graph IR: {@link org.mtl4j.graph.ir.Model} holds a {@link org.mtl4j.graph.ir.Graph} of {@link
 * org.mtl4j.graph.ir.Node}s, typed {@link org.mtl4j.graph.ir.Value}s and {@link
 * org.mtl4j.graph.ir.Tensor} initializers. No protobuf type appears here: the reader and writer in
 * {@link org.mtl4j.graph.io} are the only code that converts.
 *
 * <p>Values are referred to by name, as in ONNX. Tensors never copy their data: a tensor read from
 * a file views the memory-mapped file, and external data is mapped on first use, so a 100 MB model
 * is not duplicated in memory. {@link org.mtl4j.graph.ir.OnnxDefaults} holds the IR version and
 * opsets mtl4j emits.
 */
package org.mtl4j.graph.ir;
