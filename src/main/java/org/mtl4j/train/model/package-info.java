/**
 * The trainable multi-task model: {@link org.mtl4j.train.model.EncoderResolver} turns an encoder
 * name into the starting config, weights and tokenizer ({@link
 * org.mtl4j.train.model.EncoderSetup}), and {@link org.mtl4j.train.model.MultiTaskModel} runs the
 * shared encoder once and every requested head on its output.
 */
package org.mtl4j.train.model;
