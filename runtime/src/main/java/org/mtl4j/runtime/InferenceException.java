package org.mtl4j.runtime;

/** ONNX Runtime failed while running a batch; the message names the model and batch shape. */
public final class InferenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed and where
   * @param cause the underlying failure
   */
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
