/**
 * Encoder families as specs: {@link org.mtl4j.zoo.encoder.EncoderFamily}, one {@link
 * org.mtl4j.zoo.encoder.EncoderConfig} record per family, HuggingFace config.json IO ({@link
 * org.mtl4j.zoo.encoder.HfConfigJson}), the parameters by HuggingFace name and shape ({@link
 * org.mtl4j.zoo.encoder.EncoderConfig#parameters(boolean)}) and presets ({@link
 * org.mtl4j.zoo.encoder.Presets}).
 */
package org.mtl4j.zoo.encoder;
