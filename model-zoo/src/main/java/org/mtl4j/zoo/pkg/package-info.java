/**
 * The model package: a directory with a manifest ({@code mtl.json}), {@code tokenizer.json}, {@code
 * weights.safetensors}, {@code reference/} and, once exported, {@code model.onnx}. Every stage
 * reads and writes it; the manifest also travels inside an exported ONNX file.
 */
package org.mtl4j.zoo.pkg;
