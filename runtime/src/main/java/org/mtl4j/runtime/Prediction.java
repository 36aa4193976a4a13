package org.mtl4j.runtime;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one input: task name to typed result, in the manifest's task order, and, when the
 * request asked for them ({@link MtlModel#tokenize(ModelInput, java.util.Collection, boolean)}),
 * each task's raw logits.
 *
 * @param results task name to result
 * @param logits task name to the raw logits the graph produced for this input, row-major: one value
 *     per label for sentence-level tasks; for tagging tasks one row of tag logits per word of
 *     {@link TaggingResult#tags()}, in that order (the logits of the word's first sub-token). Empty
 *     unless asked for. Not part of the JSON form.
 */
public record Prediction(Map<String, TaskResult> results, Map<String, float[]> logits) {

  /** Copies the maps, keeping their order. */
  public Prediction {
    results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    logits = Collections.unmodifiableMap(new LinkedHashMap<>(logits));
  }

  /**
   * A prediction without logits.
   *
   * @param results task name to result
   */
  public Prediction(Map<String, TaskResult> results) {
    this(results, Map.of());
  }

  /**
   * @return the results, which is also the JSON form: {@code {"task": result, ...}}
   */
  @JsonValue
  public Map<String, TaskResult> json() {
    return results;
  }

  /**
   * @param task a task name
   * @param type the expected result type
   * @param <T> the result type
   * @return the task's result
   * @throws IllegalArgumentException when the task was not predicted or has another type
   */
  public <T extends TaskResult> T get(String task, Class<T> type) {
    TaskResult result = results.get(task);
    if (!type.isInstance(result)) {
      throw new IllegalArgumentException(
          "no " + type.getSimpleName() + " for task '" + task + "'; predicted " + results.keySet());
    }
    return type.cast(result);
  }

  /**
   * @param task a task name
   * @return the task's raw logits (see {@link #logits()}); do not modify them
   * @throws IllegalArgumentException when the logits of the task were not kept
   */
  public float[] logits(String task) {
    float[] values = logits.get(task);
    if (values == null) {
      throw new IllegalArgumentException(
          "no logits for task '" + task + "'; kept " + logits.keySet());
    }
    return values;
  }

  /** Equal results and logits of equal contents. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Prediction p)
        || !results.equals(p.results)
        || !logits.keySet().equals(p.logits.keySet())) {
      return false;
    }
    return logits.entrySet().stream()
        .allMatch(e -> Arrays.equals(e.getValue(), p.logits.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    int hash = results.hashCode();
    for (Map.Entry<String, float[]> e : logits.entrySet()) {
      hash += Objects.hash(e.getKey(), Arrays.hashCode(e.getValue()));
    }
    return hash;
  }
}
