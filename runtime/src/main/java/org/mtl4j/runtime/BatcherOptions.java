package org.mtl4j.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link MicroBatcher}.
 *
 * @param maxBatchSize most requests run together
 * @param maxDelay longest a request waits for others to join its batch
 * @param queueCapacity most requests waiting; further submissions are rejected
 * @param requestTimeout a request not completed within this time fails with a timeout
 * @param workers threads running batches (each runs one batch at a time)
 */
public record BatcherOptions(
    int maxBatchSize, Duration maxDelay, int queueCapacity, Duration requestTimeout, int workers) {

  /** Validates the values. */
  public BatcherOptions {
    if (maxBatchSize < 1 || queueCapacity < 1 || workers < 1) {
      throw new IllegalArgumentException(
          "maxBatchSize, queueCapacity and workers must be at least 1, were "
              + maxBatchSize
              + ", "
              + queueCapacity
              + ", "
              + workers);
    }
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (maxDelay.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("maxDelay must be >= 0 and requestTimeout > 0");
    }
  }

  /**
   * @return 32 per batch, 2 ms delay, 1024 queued, 10 s timeout, one worker
   */
  public static BatcherOptions defaults() {
    return new BatcherOptions(32, Duration.ofMillis(2), 1024, Duration.ofSeconds(10), 1);
  }
}
