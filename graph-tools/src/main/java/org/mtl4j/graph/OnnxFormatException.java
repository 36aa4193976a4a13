package org.mtl4j.graph;

/**
 * A model file, stream or graph that is not valid ONNX, or not one mtl4j can handle: a corrupt or
 * truncated protobuf, an unsafe or missing external-data file, a graph that fails the checker. The
 * message says what is wrong and where (file, tensor, node).
 *
 * <p>It extends {@link IllegalArgumentException} because it always reports bad input, never a bug;
 * the CLI maps it to exit code 2.
 */
public class OnnxFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong and where
   */
  public OnnxFormatException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong and where
   * @param cause the underlying failure
   */
  public OnnxFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
