package org.mtl4j.serve;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * The gate of a draining server: once {@link #begin()} is called, every new request (on any
 * connection, any protocol) is answered 503 "server is shutting down", while requests already
 * admitted run to their end.
 */
final class Drain implements DecoratingHttpServiceFunction {
  private volatile boolean draining;

  void begin() {
    draining = true;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req)
      throws Exception {
    if (draining) {
      return HttpErrors.respond(ctx, new ServeException(503, "server is shutting down"));
    }
    return delegate.serve(ctx, req);
  }
}
