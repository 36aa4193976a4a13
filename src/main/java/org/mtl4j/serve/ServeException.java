package org.mtl4j.serve;

import io.grpc.Status;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.mtl4j.runtime.InvalidRequestException;
import org.mtl4j.runtime.QueueFullException;

/**
 * A request the server answers with an error: an HTTP status and a message saying what was wrong.
 * The gRPC service maps the status to the matching gRPC code.
 */
public final class ServeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * @param status the HTTP status, 4xx or 5xx
   * @param message what was wrong and where
   */
  public ServeException(int status, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    this.status = status;
  }

  /**
   * @param message what was wrong with the request
   * @return a 400 Bad Request
   */
  public static ServeException badRequest(String message) {
    return new ServeException(400, message);
  }

  /**
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * @return the gRPC status with the same meaning and this message
   */
  public Status grpcStatus() {
    Status code =
        switch (status) {
          case 400, 405 -> Status.INVALID_ARGUMENT;
          case 404 -> Status.NOT_FOUND;
          case 408 -> Status.DEADLINE_EXCEEDED;
          case 413 -> Status.RESOURCE_EXHAUSTED;
          case 503 -> Status.UNAVAILABLE;
          case 504 -> Status.DEADLINE_EXCEEDED;
          default -> status < 500 ? Status.FAILED_PRECONDITION : Status.INTERNAL;
        };
    return code.withDescription(getMessage());
  }

  /**
   * Names the HTTP answer to a failure of a prediction: a bad request (400), a full queue or a
   * closed batcher (503), a timeout (504), anything else (500).
   *
   * @param failure what a prediction failed with, possibly wrapped by a future
   * @return the exception to answer with
   */
  public static ServeException of(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ServeException serve) {
      return serve;
    }
    if (cause instanceof InvalidRequestException) {
      return badRequest(cause.getMessage());
    }
    if (cause instanceof QueueFullException) {
      return new ServeException(503, cause.getMessage());
    }
    if (cause instanceof TimeoutException) {
      return new ServeException(504, "prediction timed out");
    }
    if (cause instanceof IllegalStateException || cause instanceof CancellationException) {
      return new ServeException(503, "model is not serving: " + cause.getMessage());
    }
    return new ServeException(500, cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }
}
