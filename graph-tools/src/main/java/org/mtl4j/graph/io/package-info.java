/**
 * Reading and writing ONNX files and streams: {@link org.mtl4j.graph.io.OnnxReader}, {@link
 * org.mtl4j.graph.io.OnnxWriter} and {@link org.mtl4j.graph.io.WriteOptions}. This package and the
 * generated {@code org.mtl4j.graph.proto} classes are the only code that touches protobuf.
 *
 * <p>External data follows ONNX's {@code ExternalData.md}: {@code location} (relative to the
 * model's folder), {@code offset} and {@code length}. On read, an absolute location, one that uses
 * {@code ..} or a symbolic link to leave the model's folder, and a missing or too short file are
 * errors naming the tensor. On write, external data is used when asked and whenever the inline
 * weights would pass protobuf's 2 GiB limit; offsets are page-aligned.
 */
package org.mtl4j.graph.io;
