package org.mtl4j.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * The project's own JSON API: {@code POST /v1/predict} ({@link PredictRequest} in, {@code
 * {"predictions": [{task: result}, ...]}} out), {@code GET /health} (every model with its tasks and
 * provider) and {@code GET /metrics} (Prometheus text).
 */
final class JsonApi {
  private final ServedModels models;
  private final ServerOptions options;
  private final PrometheusMeterRegistry registry;

  JsonApi(ServedModels models, ServerOptions options, PrometheusMeterRegistry registry) {
    this.models = models;
    this.options = options;
    this.registry = registry;
  }

  void addTo(ServerBuilder server) {
    server
        .route()
        .post("/v1/predict")
        .build(
            (ctx, req) ->
                HttpResponse.of(
                    req.aggregate()
                        .thenComposeAsync(
                            body -> predict(body.content().array()), ctx.blockingTaskExecutor())
                        .exceptionally(HttpErrors::of)));
    server.route().get("/health").build((ctx, req) -> health());
    server
        .route()
        .get("/metrics")
        .build(
            (ctx, req) ->
                HttpResponse.of(
                    MediaType.parse("text/plain; version=0.0.4; charset=utf-8"),
                    registry.scrape()));
  }

  private CompletableFuture<HttpResponse> predict(byte[] body) {
    PredictRequest request = PredictRequest.parse(body, options.maxInputs());
    ServedModel model = models.getOrOnly(request.model());
    return model
        .predict(request.inputs(), request.tasks())
        .thenApply(p -> HttpErrors.json(200, Json.write(Map.of("predictions", p))));
  }

  private HttpResponse health() {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("status", "ok");
    ObjectNode byName = node.putObject("models");
    for (ServedModel m : models.all()) {
      ObjectNode one = byName.putObject(m.name());
      one.put("source", m.source().toString());
      one.put("provider", m.model().provider().toString());
      one.set(
          "tasks",
          Json.MAPPER.valueToTree(m.manifest().tasks().stream().map(TaskSpec::name).toList()));
    }
    return HttpErrors.json(200, Json.write(node));
  }
}
