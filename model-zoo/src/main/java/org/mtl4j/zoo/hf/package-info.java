/**
 * HuggingFace checkpoints: {@link org.mtl4j.zoo.hf.EncoderCheckpoint}, an encoder in memory under
 * the spec's names, and {@link org.mtl4j.zoo.hf.HfCheckpoint}, the checkpoint folder (config.json,
 * model.safetensors, tokenizer.json) read and written.
 */
package org.mtl4j.zoo.hf;
