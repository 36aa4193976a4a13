package org.mtl4j.zoo.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a checkpoint's tensor names map onto an encoder spec.
 *
 * @param sourceNames spec name to the name in the checkpoint (which may carry the task prefix), in
 *     spec order
 * @param pooler true when the checkpoint holds the pooler
 * @param ignored names outside the encoder (task heads, non-persistent buffers), left unused
 */
public record ParameterMatch(
    Map<String, String> sourceNames, boolean pooler, List<String> ignored) {

  /** Copies the collections. */
  public ParameterMatch {
    sourceNames = Collections.unmodifiableMap(new LinkedHashMap<>(sourceNames));
    ignored = List.copyOf(ignored);
  }
}
