/**
 * ONNX in Java: an IR independent of protobuf, reader and writer with external data, a builder with operator schemas as data, a checker and an inspector.
 */
package org.mtl4j.graph;
