package org.mtl4j.serve;

import java.time.Duration;
import java.util.Objects;
import org.mtl4j.runtime.BatcherOptions;

/**
 * How a {@link ModelServer} listens and what it accepts.
 *
 * @param host the address to bind
 * @param port the port for HTTP/1.1, HTTP/2 and gRPC, 0 for any free port
 * @param maxBodyBytes the largest request body (413 above it)
 * @param maxInputs the most texts or pairs in one request (400 above it)
 * @param readTimeout the longest a request may take from its headers to its answer, reading its
 *     body included; a client that stalls is answered or cut off after it
 * @param idleTimeout a connection without requests for this long is closed
 * @param drainTimeout on shutdown, the longest to wait for requests in flight to finish
 * @param batcher micro-batching of each model
 * @param accessLog whether to log every request to the SLF4J logger {@code mtl.serve.access}
 */
public record ServerOptions(
    String host,
    int port,
    int maxBodyBytes,
    int maxInputs,
    Duration readTimeout,
    Duration idleTimeout,
    Duration drainTimeout,
    BatcherOptions batcher,
    boolean accessLog) {

  /** Validates the values. */
  public ServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(batcher, "batcher");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (maxBodyBytes < 1 || maxInputs < 1) {
      throw new IllegalArgumentException(
          "maxBodyBytes and maxInputs must be positive, were " + maxBodyBytes + ", " + maxInputs);
    }
    for (Duration d : new Duration[] {readTimeout, idleTimeout, drainTimeout}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            "timeouts must be positive, were "
                + readTimeout
                + ", "
                + idleTimeout
                + ", "
                + drainTimeout);
      }
    }
  }

  /**
   * @return 127.0.0.1:8080, 1 MiB bodies, 64 inputs, 30 s read timeout, 60 s idle timeout, 10 s
   *     drain, default batching, access log on
   */
  public static ServerOptions defaults() {
    return new ServerOptions(
        "127.0.0.1",
        8080,
        1 << 20,
        64,
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        BatcherOptions.defaults(),
        true);
  }
}
