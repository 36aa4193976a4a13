package org.mtl4j.zoo.hf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.ParameterMatch;
import org.mtl4j.zoo.weights.ParameterMatcher;

/**
 * A complete encoder in memory: config, weights under the spec's HuggingFace names (no task prefix)
 * and the tokenizer. What checkpoint import and pretrained sources produce, and what a DJL block or
 * an ONNX emitter loads.
 *
 * @param config the encoder config
 * @param weights spec name to tensor, in spec order; the pooler is present or absent as a whole
 * @param tokenizerJson the HuggingFace tokenizer.json text
 * @param source where it came from (folder, jar resource), for messages and provenance
 */
public record EncoderCheckpoint(
    EncoderConfig config, Map<String, FloatTensor> weights, String tokenizerJson, String source) {

  /**
   * Validates that the weights are exactly the spec's names and shapes.
   *
   * @throws org.mtl4j.zoo.ModelFormatException listing missing, unexpected and mis-shaped tensors
   */
  public EncoderCheckpoint {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(tokenizerJson, "tokenizer.json of " + source);
    Objects.requireNonNull(source, "source");
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (Map.Entry<String, FloatTensor> e : weights.entrySet()) {
      shapes.put(e.getKey(), e.getValue().shape());
    }
    ParameterMatch match = ParameterMatcher.match(config, shapes, source);
    Map<String, FloatTensor> ordered = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : match.sourceNames().entrySet()) {
      if (!e.getKey().equals(e.getValue())) {
        throw new IllegalArgumentException(
            source + ": weight '" + e.getValue() + "' must use the bare name '" + e.getKey() + "'");
      }
      ordered.put(e.getKey(), weights.get(e.getKey()));
    }
    if (!match.ignored().isEmpty()) {
      throw new IllegalArgumentException(
          source + ": weights outside the encoder spec: " + match.ignored());
    }
    weights = Collections.unmodifiableMap(ordered);
  }

  /**
   * @return true when the weights include the pooler
   */
  public boolean hasPooler() {
    return config.parameters(true).stream()
        .anyMatch(p -> p.pooler() && weights.containsKey(p.name()));
  }
}
