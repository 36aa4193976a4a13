package org.mtl4j.runtime;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of one input: task name to typed result, in the manifest's task order.
 *
 * @param results task name to result
 */
public record Prediction(Map<String, TaskResult> results) {

  /** Copies the map, keeping its order. */
  public Prediction {
    results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
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
}
