package org.mtl4j.serve;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.RequestTimeoutException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.nio.charset.StandardCharsets;

/**
 * Turns every error the server answers with into {@code {"error": message}}: a {@link
 * ServeException} with its status; a body over the limit 413; a request not read within the read
 * timeout 408; and the statuses the server itself renders (404 for an unknown path, 405 for a wrong
 * method). gRPC requests get the same errors as a gRPC status ({@link ServeException#grpcStatus()})
 * in a trailers-only response.
 */
final class HttpErrors implements ServerErrorHandler {
  private final ServerOptions options;

  HttpErrors(ServerOptions options) {
    this.options = options;
  }

  static HttpResponse json(int status, byte[] body) {
    return HttpResponse.of(HttpStatus.valueOf(status), MediaType.JSON_UTF_8, body);
  }

  static HttpResponse of(Throwable failure) {
    ServeException e = ServeException.of(failure);
    return json(e.status(), Json.error(e.getMessage()));
  }

  /**
   * @param ctx the request's context
   * @param e the error
   * @return the error as JSON, or as a gRPC status for a gRPC request
   */
  static HttpResponse respond(ServiceRequestContext ctx, ServeException e) {
    return render(ctx.request().contentType(), e).toHttpResponse();
  }

  private static AggregatedHttpResponse render(MediaType requestType, ServeException e) {
    if (requestType == null || !requestType.subtype().startsWith("grpc")) {
      return AggregatedHttpResponse.of(
          HttpStatus.valueOf(e.status()), MediaType.JSON_UTF_8, Json.error(e.getMessage()));
    }
    return AggregatedHttpResponse.of(
        ResponseHeaders.builder(HttpStatus.OK)
            .contentType(requestType)
            .add("grpc-status", Integer.toString(e.grpcStatus().getCode().value()))
            .add("grpc-message", percentEncoded(e.getMessage()))
            .build());
  }

  /**
   * The grpc-message header's encoding: printable ASCII except '%' as is, the rest %XX of UTF-8.
   */
  private static String percentEncoded(String message) {
    StringBuilder out = new StringBuilder();
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0x20 && b < 0x7f && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    if (cause instanceof ContentTooLargeException) {
      return respond(ctx, new ServeException(413, tooLarge()));
    }
    if (cause instanceof RequestTimeoutException) {
      return respond(
          ctx,
          new ServeException(
              408,
              "request not complete within the read timeout of "
                  + options.readTimeout().toMillis()
                  + " ms"));
    }
    if (cause instanceof ServeException e) {
      return respond(ctx, e);
    }
    return null;
  }

  @Override
  public AggregatedHttpResponse renderStatus(
      ServiceRequestContext ctx,
      ServiceConfig config,
      RequestHeaders headers,
      HttpStatus status,
      String description,
      Throwable cause) {
    if (status.code() < 400) {
      return null;
    }
    String message =
        status.code() == 413
            ? tooLarge()
            : status.code() == 404
                ? "no such path: " + headers.path()
                : status.code() == 405
                    ? "method " + headers.method() + " is not allowed on " + headers.path()
                    : status + (description != null ? ": " + description : "");
    return render(headers.contentType(), new ServeException(status.code(), message));
  }

  private String tooLarge() {
    return "request body exceeds " + options.maxBodyBytes() + " bytes";
  }
}
