/**
 * Low-latency multi-task inference on ONNX Runtime: the only module a JVM service depends on.
 */
package org.mtl4j.runtime;
