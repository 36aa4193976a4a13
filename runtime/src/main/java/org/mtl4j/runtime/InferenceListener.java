package org.mtl4j.runtime;

/**
 * Receives timing and size figures from a model and its micro-batcher; {@link MicrometerListener}
 * turns them into meters. Implementations must be thread-safe and fast.
 */
public interface InferenceListener {

  /** A listener that ignores everything. */
  InferenceListener NONE = new InferenceListener() {};

  /**
   * One ONNX Runtime run finished.
   *
   * @param rows rows in the batch (texts, or windows of long texts)
   * @param sequenceLength padded sequence length of the batch
   * @param nanos wall time of tensor building, run and decoding
   */
  default void batchRun(int rows, int sequenceLength, long nanos) {}

  /**
   * A micro-batched request completed, successfully or not.
   *
   * @param nanos time from submission to completion
   * @param outcome {@code ok}, {@code timeout}, {@code cancelled} or {@code error}
   */
  default void requestDone(long nanos, String outcome) {}

  /** A request was rejected because the micro-batcher's queue was full. */
  default void rejected() {}

  /**
   * The micro-batcher's queue depth changed.
   *
   * @param depth requests waiting
   */
  default void queueDepth(int depth) {}
}
