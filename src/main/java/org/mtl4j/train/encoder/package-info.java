/**
 * The encoder families as DJL blocks on the PyTorch engine: {@link
 * org.mtl4j.train.encoder.EncoderBlock} and one subclass per family ({@link
 * org.mtl4j.train.encoder.BertBlock} for BERT and RoBERTa, {@link
 * org.mtl4j.train.encoder.DistilBertBlock}, {@link org.mtl4j.train.encoder.AlbertBlock}, {@link
 * org.mtl4j.train.encoder.XLNetBlock}), built by {@link org.mtl4j.train.encoder.EncoderBlocks} from
 * a model-zoo config, with parameters under the spec's HuggingFace names. {@link
 * org.mtl4j.train.encoder.EncoderWeights} moves weights in and out (maps of tensors, safetensors);
 * {@link org.mtl4j.train.encoder.TokenBatch} tokenizes and pads text for a forward pass.
 */
package org.mtl4j.train.encoder;
