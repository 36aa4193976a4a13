/**
 * The model zoo: encoder families as specs ({@code encoder}), weights in memory ({@code weights}),
 * safetensors IO ({@code safetensors}), HuggingFace checkpoints ({@code hf}), pretrained sources
 * recovered from ONNX ({@code pretrained}) and the model package ({@code pkg}). {@link
 * org.mtl4j.zoo.EncoderSources} resolves a user-given source name to an encoder.
 */
package org.mtl4j.zoo;
