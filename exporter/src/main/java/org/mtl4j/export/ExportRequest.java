package org.mtl4j.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * What {@link GraphExporter} turns into one graph.
 *
 * @param config the encoder's hyper-parameters
 * @param weights the encoder's parameters under HuggingFace names (the pooler's included when the
 *     encoder has one) and each head's under {@code heads.<task>.}
 * @param tasks the heads to emit, in output order; empty for an encoder-only graph
 * @param metadata {@code metadata_props} to carry (manifest, tokenizer)
 * @param hiddenState whether a graph with heads also outputs {@code last_hidden_state} (as {@code
 *     mtl forward} shows it); an encoder-only graph always does
 */
public record ExportRequest(
    EncoderConfig config,
    Map<String, FloatTensor> weights,
    List<TaskSpec> tasks,
    Map<String, String> metadata,
    boolean hiddenState) {

  /** Validates and copies. */
  public ExportRequest {
    Objects.requireNonNull(config, "config");
    weights = Map.copyOf(weights);
    tasks = List.copyOf(tasks);
    metadata = Map.copyOf(new LinkedHashMap<>(metadata));
  }

  /**
   * A request whose graph outputs only the heads' logits (or, without heads, the encoder's).
   *
   * @param config the encoder's hyper-parameters
   * @param weights encoder and head parameters
   * @param tasks the heads
   * @param metadata {@code metadata_props}
   */
  public ExportRequest(
      EncoderConfig config,
      Map<String, FloatTensor> weights,
      List<TaskSpec> tasks,
      Map<String, String> metadata) {
    this(config, weights, tasks, metadata, false);
  }
}
