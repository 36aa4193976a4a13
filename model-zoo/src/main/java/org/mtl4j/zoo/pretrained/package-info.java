/**
 * Pretrained encoders by name ({@link org.mtl4j.zoo.pretrained.PretrainedSource}) and the recovery
 * of HuggingFace names and config from an ONNX export's structure ({@link
 * org.mtl4j.zoo.pretrained.BertOnnxImport}).
 */
package org.mtl4j.zoo.pretrained;
