package org.mtl4j.runtime;

/**
 * A model could not be loaded: missing files, not ONNX, no manifest, a broken contract, or a
 * required execution provider that is unavailable. The model given is unusable as given, so it
 * extends {@link IllegalArgumentException} (CLI exit code 2).
 */
public final class ModelLoadException extends IllegalArgumentException {

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
