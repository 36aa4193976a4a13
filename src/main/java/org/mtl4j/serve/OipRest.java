package org.mtl4j.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Open Inference Protocol over REST: {@code GET /v2/health/live}, {@code GET /v2/health/ready},
 * {@code GET /v2/models/{name}} (metadata), {@code GET /v2/models/{name}/ready} and {@code POST
 * /v2/models/{name}/infer} ({@link InferJson}); each model route also under {@code
 * /v2/models/{name}/versions/{version}}, where an unknown version is a 404.
 */
final class OipRest {
  private static final List<String> MODEL_PATHS =
      List.of("/v2/models/{name}", "/v2/models/{name}/versions/{version}");

  private final ServedModels models;
  private final ServerOptions options;

  OipRest(ServedModels models, ServerOptions options) {
    this.models = models;
    this.options = options;
  }

  void addTo(ServerBuilder server) {
    server.route().get("/v2/health/live").build((ctx, req) -> ok(Map.of("live", true)));
    server.route().get("/v2/health/ready").build((ctx, req) -> ok(Map.of("ready", true)));
    for (String path : MODEL_PATHS) {
      server.route().get(path).build((ctx, req) -> answer(() -> metadata(model(ctx))));
      server
          .route()
          .get(path + "/ready")
          .build((ctx, req) -> answer(() -> ok(Map.of("name", model(ctx).name(), "ready", true))));
      server
          .route()
          .post(path + "/infer")
          .build(
              (ctx, req) ->
                  HttpResponse.of(
                      req.aggregate()
                          .thenComposeAsync(
                              body -> infer(model(ctx), body.content().array()),
                              ctx.blockingTaskExecutor())
                          .exceptionally(HttpErrors::of)));
    }
  }

  private ServedModel model(ServiceRequestContext ctx) {
    return models.get(ctx.pathParam("name"), ctx.pathParam("version"));
  }

  private CompletableFuture<HttpResponse> infer(ServedModel model, byte[] body) {
    InferRequest request = InferJson.parseRequest(body, options.maxInputs());
    return model
        .infer(request)
        .thenApply(
            outputs ->
                HttpErrors.json(
                    200,
                    InferJson.response(model.name(), ServedModel.VERSION, request.id(), outputs)));
  }

  private static HttpResponse answer(Supplier<HttpResponse> body) {
    try {
      return body.get();
    } catch (ServeException e) {
      return HttpErrors.of(e);
    }
  }

  private static HttpResponse ok(Object body) {
    return HttpErrors.json(200, Json.write(body));
  }

  private static HttpResponse metadata(ServedModel model) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("name", model.name());
    model.versions().forEach(node.putArray("versions")::add);
    node.put("platform", ModelServer.PLATFORM);
    tensors(node.putArray("inputs"), TensorSpec.INPUTS);
    tensors(node.putArray("outputs"), TaskOutputs.specs(model.manifest()));
    return HttpErrors.json(200, Json.write(node));
  }

  private static void tensors(ArrayNode into, List<TensorSpec> specs) {
    for (TensorSpec s : specs) {
      ObjectNode o = into.addObject();
      o.put("name", s.name());
      o.put("datatype", s.datatype());
      ArrayNode shape = o.putArray("shape");
      s.shape().forEach(shape::add);
      if (!s.description().isEmpty()) {
        o.putObject("parameters").put("description", s.description());
      }
    }
  }
}
