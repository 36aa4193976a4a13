package org.mtl4j.serve;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.RequestTimeoutException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Turns every error the server answers with into {@code {"error": message}}: a {@link
 * ServeException} with its status; a body over the limit 413; a request not read within the
 * read timeout 408; and the statuses the server itself renders (404 for an unknown path, 405
 * for a wrong method).
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

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    if (cause instanceof ContentTooLargeException) {
      return json(413, Json.error(tooLarge()));
    }
    if (cause instanceof RequestTimeoutException) {
      return json(408, Json.error("request not complete within the read timeout of "
          + options.readTimeout().toMillis() + " ms"));
    }
    if (cause instanceof ServeException e) {
      return json(e.status(), Json.error(e.getMessage()));
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
    String message =
        status.code() == 413 ? tooLarge()
            : status.code() == 404 ? "no such path: " + headers.path()
            : status.code() == 405 ? "method " + headers.method() + " is not allowed on " + headers.path()
            : status + (description != null ? ": " + description : "");
    return AggregatedHttpResponse.of(status, MediaType.JSON_UTF_8, Json.error(message));
  }

  private String tooLarge() {
    return "request body exceeds " + options.maxBodyBytes() + " bytes";
  }
}
