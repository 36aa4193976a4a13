package org.mtl4j.train.model;

import java.util.Map;
import java.util.Objects;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The encoder a training run starts from: its config, its starting weights and its tokenizer.
 *
 * @param config the hyper-parameters
 * @param weights the starting weights by HuggingFace name (pooler included or not as a whole)
 * @param tokenizerJson the tokenizer.json text the package will carry
 * @param source what it came from (preset, pretrained name, folder), for provenance and messages
 */
public record EncoderSetup(
    EncoderConfig config, Map<String, FloatTensor> weights, String tokenizerJson, String source) {

  /** Requires every component. */
  public EncoderSetup {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Objects.requireNonNull(source, "source");
  }
}
