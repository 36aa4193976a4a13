package org.mtl4j.graph.inspect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;

/**
 * What {@code mtl inspect} reports about a model. The record's component names are the keys of
 * {@code mtl inspect --json}.
 *
 * @param irVersion the IR version
 * @param opsets imported domains to versions, {@code ""} for ai.onnx
 * @param inputs the main graph's inputs
 * @param outputs the main graph's outputs
 * @param nodeCount nodes in the main graph
 * @param opCounts operator type to how many main-graph nodes use it, most used first
 * @param parameterCount elements over all initializers
 * @param parameterBytes bytes over all initializers
 * @param metadata {@code metadata_props}
 */
public record ModelSummary(
    long irVersion,
    Map<String, Long> opsets,
    List<Value> inputs,
    List<Value> outputs,
    int nodeCount,
    Map<String, Integer> opCounts,
    long parameterCount,
    long parameterBytes,
    Map<String, String> metadata) {

  /** Copies the collections. */
  public ModelSummary {
    opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    opCounts = Collections.unmodifiableMap(new LinkedHashMap<>(opCounts));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * @param model a model
   * @return its summary
   */
  public static ModelSummary of(Model model) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Node n : model.graph().nodes()) {
      counts.merge(n.opType(), 1, Integer::sum);
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new ModelSummary(
        model.irVersion(),
        model.opsets(),
        model.graph().inputs(),
        model.graph().outputs(),
        model.graph().nodes().size(),
        sorted,
        model.graph().initializers().values().stream().mapToLong(Tensor::elementCount).sum(),
        model.graph().parameterBytes(),
        model.metadata());
  }
}
