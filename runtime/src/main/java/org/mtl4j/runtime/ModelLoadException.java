package org.mtl4j.runtime;

/** A model could not be loaded: missing files, not ONNX, no manifest, or a broken contract. */
public final class ModelLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong and where (file, tensor, task)
   */
  public ModelLoadException(String message) {
    super(message);
  }

  /**
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
