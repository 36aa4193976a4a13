package org.mtl4j.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServerBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Open Inference Protocol over REST: {@code GET /v2/health/live}, {@code GET /v2/health/ready},
 * {@code GET /v2/models/{name}} (metadata), {@code GET /v2/models/{name}/ready} and {@code POST
 * /v2/models/{name}/infer} ({@link InferJson}).
 */
final class OipRest {
  private final ServedModels models;
  private final ServerOptions options;

  OipRest(ServedModels models, ServerOptions options) {
    this.models = models;
    this.options = options;
  }

  void addTo(ServerBuilder server) {
    server.route().get("/v2/health/live").build((ctx, req) -> ok(Map.of("live", true)));
    server.route().get("/v2/health/ready").build((ctx, req) -> ok(Map.of("ready", true)));
    server
        .route()
        .get("/v2/models/{name}")
        .build((ctx, req) -> answer(() -> metadata(models.get(ctx.pathParam("name")))));
    server
        .route()
        .get("/v2/models/{name}/ready")
        .build(
            (ctx, req) ->
                answer(
                    () ->
                        ok(
                            Map.of(
                                "name", models.get(ctx.pathParam("name")).name(), "ready", true))));
    server
        .route()
        .post("/v2/models/{name}/infer")
        .build(
            (ctx, req) ->
                HttpResponse.of(
                    req.aggregate()
                        .thenComposeAsync(
                            body -> {
                              ServedModel model = models.get(ctx.pathParam("name"));
                              InferRequest request =
                                  InferJson.parseRequest(
                                      body.content().array(), options.maxInputs());
                              return model
                                  .infer(request)
                                  .thenApply(
                                      outputs ->
                                          HttpErrors.json(
                                              200,
                                              InferJson.response(
                                                  model.name(), request.id(), outputs)));
                            },
                            ctx.blockingTaskExecutor())
                        .exceptionally(HttpErrors::of)));
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
    node.putArray("versions");
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
    }
  }
}
