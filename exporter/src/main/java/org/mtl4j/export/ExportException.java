package org.mtl4j.export;

/** An export that cannot be done: bad package, bad weights, a model ONNX Runtime rejects. */
public class ExportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong and where
   */
  public ExportException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong and where
   * @param cause the underlying error
   */
  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
