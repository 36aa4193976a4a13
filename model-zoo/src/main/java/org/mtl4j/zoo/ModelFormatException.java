package org.mtl4j.zoo;

/**
 * A model file (config.json, safetensors, checkpoint folder, ONNX source) does not hold what the
 * model zoo expects. The message names the file and what was wrong. It is an {@link
 * IllegalArgumentException} because it is always bad input, never a bug.
 */
public class ModelFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong and where
   */
  public ModelFormatException(String message) {
    super(message);
  }

  /**
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
