package org.mtl4j.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.zoo.pkg.Manifest;

/**
 * One model the server answers for under a name: the loaded model and its micro-batcher. Owns both;
 * {@link #close()} stops the batcher, then releases the model.
 */
public final class ServedModel implements AutoCloseable {

  /**
   * The version of every served model: a name serves one model file, so one version (the manifest's
   * {@code formatVersion} is the package format's, not the model's).
   */
  public static final String VERSION = "1";

  private final String name;
  private final Path source;
  private final MtlModel model;
  private final MicroBatcher batcher;

  /**
   * @param name the name clients address it by
   * @param source where it was loaded from
   * @param model the loaded model (owned)
   * @param batcher how its requests are batched
   * @param listener receiver of the batcher's figures
   */
  ServedModel(
      String name,
      Path source,
      MtlModel model,
      BatcherOptions batcher,
      InferenceListener listener) {
    this.name = name;
    this.source = source;
    this.model = model;
    this.batcher = new MicroBatcher(model, batcher, listener);
  }

  /**
   * @return the name clients address it by
   */
  public String name() {
    return name;
  }

  /**
   * @return the versions it is served under, {@link #VERSION} only
   */
  public List<String> versions() {
    return List.of(VERSION);
  }

  /**
   * Checks a version a request names.
   *
   * @param version the version asked for, or null or empty for the default
   * @throws ServeException 404 for a version this model does not have
   */
  public void checkVersion(String version) {
    if (version == null || version.isEmpty() || versions().contains(version)) {
      return;
    }
    throw new ServeException(
        404,
        "model '" + name + "' has no version '" + version + "'; its versions are " + versions());
  }

  /**
   * @return where it was loaded from
   */
  public Path source() {
    return source;
  }

  /**
   * @return the loaded model
   */
  public MtlModel model() {
    return model;
  }

  /**
   * @return the model's manifest
   */
  public Manifest manifest() {
    return model.manifest();
  }

  /**
   * Queues every input (tokenizing on this thread) and completes when all are predicted; on the
   * first failure the remaining inputs are cancelled.
   *
   * @param inputs texts and pairs
   * @param tasks task names, or empty for every task that reads each input's kind
   * @return the predictions, in input order
   */
  public CompletableFuture<List<Prediction>> predict(
      List<ModelInput> inputs, Collection<String> tasks) {
    return predict(inputs, tasks, false);
  }

  private CompletableFuture<List<Prediction>> predict(
      List<ModelInput> inputs, Collection<String> tasks, boolean keepLogits) {
    List<CompletableFuture<Prediction>> futures = new ArrayList<>(inputs.size());
    try {
      for (ModelInput input : inputs) {
        futures.add(batcher.submit(input, tasks, keepLogits));
      }
    } catch (RuntimeException e) {
      futures.forEach(f -> f.cancel(false));
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<List<Prediction>> all =
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
            .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    futures.forEach(
        f ->
            f.whenComplete(
                (p, e) -> {
                  if (e != null) {
                    futures.forEach(other -> other.cancel(false));
                  }
                }));
    return all;
  }

  /**
   * Predicts an Open Inference Protocol request: the tasks of the outputs asked for (or every task
   * that reads the inputs' kind), keeping raw logits only when some are asked for, then their
   * output tensors.
   *
   * @param request a checked request
   * @return the output tensors
   * @throws ServeException 400 for an output this model does not have
   */
  public CompletableFuture<List<OutputTensor>> infer(InferRequest request) {
    List<String> tasks = TaskOutputs.tasks(manifest(), request.outputs());
    return predict(request.inputs(), tasks, TaskOutputs.needLogits(request.outputs()))
        .thenApply(predictions -> TaskOutputs.of(manifest(), predictions, request.outputs()));
  }

  @Override
  public void close() {
    try {
      batcher.close();
    } finally {
      model.close();
    }
  }
}
