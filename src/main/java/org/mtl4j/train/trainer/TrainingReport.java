package org.mtl4j.train.trainer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training run did and what its package scores.
 *
 * @param packageDir the package written, or the output folder of an interrupted run
 * @param finished false when the run stopped early ({@link TrainingOptions#stopAfterUpdates()})
 * @param updates optimizer updates applied
 * @param seconds wall time of this invocation
 * @param history dev metrics after each finished epoch: task to metric to value
 * @param bestEpoch the 0-based epoch whose weights the package holds, -1 when there was no dev data
 *     (the last weights are kept)
 * @param dev the package's dev metrics (empty when no task has dev data)
 * @param test the package's test metrics (empty when no task has test data)
 */
public record TrainingReport(
    Path packageDir,
    boolean finished,
    long updates,
    double seconds,
    List<Map<String, Map<String, Double>>> history,
    int bestEpoch,
    Map<String, Map<String, Double>> dev,
    Map<String, Map<String, Double>> test) {

  /** Copies the collections. */
  public TrainingReport {
    history = List.copyOf(history);
    dev = Map.copyOf(dev);
    test = Map.copyOf(test);
  }
}
