package org.mtl4j.train.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands, as a checkpoint records it next to the weights and optimizer moments.
 *
 * @param epoch the epoch to continue in, from 0
 * @param batch the next batch of that epoch's {@link EpochPlan}
 * @param updates optimizer updates applied so far
 * @param bestEpoch the epoch whose weights scored best on dev so far, -1 for none
 * @param bestScore that epoch's score of the selection metric
 * @param history dev metrics after each finished epoch: task to metric to value
 */
record TrainingState(
    int epoch,
    int batch,
    long updates,
    int bestEpoch,
    double bestScore,
    List<Map<String, Map<String, Double>>> history) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Map<String, Map<String, Double>>>> HISTORY =
      new TypeReference<>() {};

  /** Copies the history. */
  TrainingState {
    history = List.copyOf(history);
  }

  /** The state of a run that has not started. */
  static TrainingState start() {
    return new TrainingState(0, 0, 0, -1, Double.NEGATIVE_INFINITY, List.of());
  }

  /**
   * @return the state as safetensors metadata
   */
  Map<String, String> toMetadata() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("epoch", Integer.toString(epoch));
    out.put("batch", Integer.toString(batch));
    out.put("updates", Long.toString(updates));
    out.put("best_epoch", Integer.toString(bestEpoch));
    out.put("best_score", Double.toString(bestScore));
    try {
      out.put("history", JSON.writeValueAsString(history));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the dev history", e);
    }
    return out;
  }

  /**
   * @param metadata what {@link #toMetadata()} wrote
   * @param source the checkpoint file, for messages
   * @return the state
   */
  static TrainingState fromMetadata(Map<String, String> metadata, String source) {
    try {
      return new TrainingState(
          Integer.parseInt(metadata.get("epoch")),
          Integer.parseInt(metadata.get("batch")),
          Long.parseLong(metadata.get("updates")),
          Integer.parseInt(metadata.get("best_epoch")),
          Double.parseDouble(metadata.get("best_score")),
          JSON.readValue(metadata.get("history"), HISTORY));
    } catch (RuntimeException | JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + " is not a training checkpoint: " + e.getMessage(), e);
    }
  }
}
