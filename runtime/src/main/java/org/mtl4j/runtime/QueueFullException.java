package org.mtl4j.runtime;

import java.util.concurrent.RejectedExecutionException;

/** The micro-batcher's bounded queue is full; the caller should back off or shed load. */
public final class QueueFullException extends RejectedExecutionException {

  private static final long serialVersionUID = 1L;

  /**
   * @param capacity the queue's capacity
   */
  public QueueFullException(int capacity) {
    super("prediction queue is full (" + capacity + " requests waiting); retry later");
  }
}
