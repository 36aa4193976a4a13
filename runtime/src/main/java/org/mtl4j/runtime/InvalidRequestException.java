package org.mtl4j.runtime;

/**
 * A prediction request that the model cannot answer as asked: an unknown task, a pair sent to a
 * single-sentence task, an empty batch. It is the caller's error, so it extends {@link
 * IllegalArgumentException}.
 */
public final class InvalidRequestException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong with the request
   */
  public InvalidRequestException(String message) {
    super(message);
  }
}
