package org.mtl4j.train.trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.train.data.Batch;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * A task's logits from an ONNX graph (exported or optimized) on ONNX Runtime's CPU provider with
 * its default optimisations, fed through {@link InferenceSession}'s serving path with the batch's
 * packed inputs.
 *
 * <p>Owns its session; {@link #close()} releases it and may be called more than once.
 */
public final class GraphLogits implements TaskLogits, AutoCloseable {

  private final InferenceSession session;

  private GraphLogits(InferenceSession session) {
    this.session = session;
  }

  /**
   * Opens a graph and checks it has an output for every task.
   *
   * @param graph the ONNX file
   * @param tasks the tasks to be scored
   * @return the logits source; close it
   * @throws IllegalArgumentException when the file is missing, is not a model ONNX Runtime loads,
   *     or lacks a task's output
   */
  public static GraphLogits open(Path graph, Collection<TaskSpec> tasks) {
    if (!Files.isRegularFile(graph)) {
      throw new IllegalArgumentException("no such model file: " + graph);
    }
    InferenceSession session = InferenceSession.open(graph, RuntimeOptions.defaults());
    List<String> outputs = session.outputNames();
    for (TaskSpec task : tasks) {
      if (!outputs.contains(task.outputName())) {
        session.close();
        throw new IllegalArgumentException(
            "the graph "
                + graph
                + " has no output '"
                + task.outputName()
                + "' for task '"
                + task.name()
                + "'; its outputs: "
                + outputs);
      }
    }
    return new GraphLogits(session);
  }

  @Override
  public float[] logits(Batch batch, TaskSpec task) {
    PackedBatch packed =
        new PackedBatch(
            batch.size(),
            batch.length(),
            batch.inputIds(),
            batch.attentionMask(),
            batch.typeIds(),
            batch.offsets());
    return session.run(packed, Set.of(task.outputName()), null).get(task.outputName());
  }

  /** Closes the session; idempotent. */
  @Override
  public void close() {
    session.close();
  }
}
