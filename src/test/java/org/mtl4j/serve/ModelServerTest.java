package org.mtl4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.serve.ServeTesting.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TaggingResult;
import org.mtl4j.serve.oip.grpc.GRPCInferenceServiceGrpc;
import org.mtl4j.serve.oip.grpc.ModelInferResponse;
import org.mtl4j.serve.oip.grpc.ModelMetadataRequest;
import org.mtl4j.serve.oip.grpc.ModelMetadataResponse;
import org.mtl4j.serve.oip.grpc.ModelReadyRequest;
import org.mtl4j.serve.oip.grpc.ServerLiveRequest;
import org.mtl4j.serve.oip.grpc.ServerReadyRequest;

/**
 * Two tiny models on one port, called by a plain HTTP client (JSON API and OIP REST) and a
 * grpc-java client from the protocol's .proto; every answer equals in-process predictions.
 */
class ModelServerTest {

  static final List<String> TEXTS =
      List.of("Anna flew to Oslo", "book a table for two in Paris", "hi");
  static final List<String> FIRST = List.of("a man sleeps", "the cat is black");
  static final List<String> SECOND = List.of("a person rests", "the cat is white");

  @TempDir static Path dir;
  static ModelServer server;
  static MtlModel reference;
  static ManagedChannel channel;
  static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub grpc;

  @BeforeAll
  static void start() {
    Path tiny = ServeTesting.tinyPackage(dir.resolve("tiny"), 9);
    Path other = ServeTesting.tinyPackage(dir.resolve("other"), 10);
    Map<String, Path> models = new LinkedHashMap<>();
    models.put(ServedModels.defaultName(tiny), tiny);
    models.put("second", other);
    server =
        ServeTesting.start(models, ServeTesting.options(1 << 16, 8, Duration.ofSeconds(5), true));
    reference = MtlModel.load(tiny, RuntimeOptions.builder().optIntraOpThreads(1).build());
    channel = ServeTesting.channel(server.port());
    grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    server.close();
    reference.close();
  }

  static List<Prediction> expected(List<ModelInput> inputs) {
    return inputs.stream().map(i -> reference.predict(i, List.of())).toList();
  }

  static List<ModelInput> texts() {
    return TEXTS.stream().map(ModelInput::of).toList();
  }

  static List<ModelInput> pairs() {
    return List.of(
        ModelInput.pair(FIRST.get(0), SECOND.get(0)), ModelInput.pair(FIRST.get(1), SECOND.get(1)));
  }

  @Test
  void jsonApiEqualsInProcessPredictions() throws Exception {
    HttpResponse<String> texts =
        ServeTesting.post(
            server.port(),
            "/v1/predict",
            "{\"model\": \"tiny\", \"texts\": " + JSON.writeValueAsString(TEXTS) + "}");
    assertThat(texts.statusCode()).as(texts.body()).isEqualTo(200);
    ServeTesting.assertSameAnswer(
        JSON.readTree(texts.body()).get("predictions"),
        JSON.valueToTree(expected(texts())),
        "texts");
    HttpResponse<String> pairs =
        ServeTesting.post(
            server.port(),
            "/v1/predict",
            "{\"model\": \"tiny\", \"pairs\": [[\"a man sleeps\", \"a person rests\"], [\"the cat is black\", \"the cat is white\"]]}");
    assertThat(pairs.statusCode()).as(pairs.body()).isEqualTo(200);
    ServeTesting.assertSameAnswer(
        JSON.readTree(pairs.body()).get("predictions"),
        JSON.valueToTree(expected(pairs())),
        "pairs");
  }

  @Test
  void restInferEqualsInProcessPredictionsForTextsPairsTaggingAndMultiLabel() throws Exception {
    HttpResponse<String> texts =
        ServeTesting.post(
            server.port(), "/v2/models/tiny/infer", ServeTesting.inferJson(TEXTS, null, List.of()));
    assertThat(texts.statusCode()).as(texts.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(texts.body());
    assertThat(body.get("model_name").asText()).isEqualTo("tiny");
    assertThat(body.get("id").asText()).isEqualTo("req-1");
    JsonNode outputs = ServeTesting.outputs(body);
    assertThat(outputs.fieldNames())
        .toIterable()
        .containsExactly(
            "intent.label",
            "intent.score",
            "intent.probabilities",
            "topics.labels",
            "slots.entities",
            "slots.tags");
    ServeTesting.assertSameAnswer(
        outputs, ServeTesting.expectedOutputs(reference.manifest(), expected(texts())), "texts");

    HttpResponse<String> pairs =
        ServeTesting.post(
            server.port(),
            "/v2/models/tiny/infer",
            ServeTesting.inferJson(FIRST, SECOND, List.of()));
    assertThat(pairs.statusCode()).as(pairs.body()).isEqualTo(200);
    ServeTesting.assertSameAnswer(
        ServeTesting.outputs(JSON.readTree(pairs.body())),
        ServeTesting.expectedOutputs(reference.manifest(), expected(pairs())),
        "pairs");
  }

  @Test
  void tagsCarryCharacterOffsetsIntoTheText() throws Exception {
    HttpResponse<String> r =
        ServeTesting.post(
            server.port(),
            "/v2/models/tiny/infer",
            ServeTesting.inferJson(TEXTS, null, List.of("slots.tags")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode outputs = ServeTesting.outputs(JSON.readTree(r.body()));
    assertThat(outputs.fieldNames()).toIterable().containsExactly("slots.tags");
    JsonNode rows = outputs.get("slots.tags").get("data");
    for (int i = 0; i < TEXTS.size(); i++) {
      JsonNode tags = JSON.readTree(rows.get(i).asText());
      assertThat(tags.size()).isEqualTo(TEXTS.get(i).split(" ").length);
      for (JsonNode tag : tags) {
        assertThat(TEXTS.get(i).substring(tag.get("charStart").asInt(), tag.get("charEnd").asInt()))
            .isEqualTo(tag.get("word").asText());
      }
      List<?> expectedTags =
          reference
              .predict(ModelInput.of(TEXTS.get(i)), List.of("slots"))
              .get("slots", TaggingResult.class)
              .tags();
      ServeTesting.assertSameAnswer(tags, JSON.valueToTree(expectedTags), "tags " + i);
    }
  }

  @Test
  void grpcInferEqualsInProcessPredictionsWithBytesAndRawContents() {
    for (boolean raw : new boolean[] {false, true}) {
      ModelInferResponse texts =
          grpc.modelInfer(ServeTesting.inferProto("tiny", TEXTS, null, List.of(), raw));
      assertThat(texts.getModelName()).isEqualTo("tiny");
      assertThat(texts.getId()).isEqualTo("req-1");
      ServeTesting.assertSameAnswer(
          ServeTesting.outputs(texts),
          ServeTesting.expectedOutputs(reference.manifest(), expected(texts())),
          "grpc texts raw=" + raw);
      ModelInferResponse pairs =
          grpc.modelInfer(ServeTesting.inferProto("tiny", FIRST, SECOND, List.of(), raw));
      ServeTesting.assertSameAnswer(
          ServeTesting.outputs(pairs),
          ServeTesting.expectedOutputs(reference.manifest(), expected(pairs())),
          "grpc pairs raw=" + raw);
    }
    ModelInferResponse some =
        grpc.modelInfer(
            ServeTesting.inferProto(
                "tiny", TEXTS, null, List.of("topics.labels", "intent.score"), false));
    assertThat(some.getOutputsList())
        .extracting(ModelInferResponse.InferOutputTensor::getName)
        .containsExactly("topics.labels", "intent.score");
  }

  @Test
  void modelsAreNamedAndAnsweredSeparately() throws Exception {
    HttpResponse<String> tiny =
        ServeTesting.post(
            server.port(),
            "/v2/models/tiny/infer",
            ServeTesting.inferJson(TEXTS, null, List.of("intent.probabilities")));
    HttpResponse<String> second =
        ServeTesting.post(
            server.port(),
            "/v2/models/second/infer",
            ServeTesting.inferJson(TEXTS, null, List.of("intent.probabilities")));
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).get("model_name").asText()).isEqualTo("second");
    assertThat(JSON.readTree(second.body()).at("/outputs/0/data"))
        .as("other weights, other probabilities")
        .isNotEqualTo(JSON.readTree(tiny.body()).at("/outputs/0/data"));
    HttpResponse<String> ambiguous =
        ServeTesting.post(server.port(), "/v1/predict", "{\"texts\": [\"hi\"]}");
    assertThat(ambiguous.statusCode()).isEqualTo(400);
    assertThat(ambiguous.body()).contains("several models are served", "tiny", "second");
  }

  @Test
  void healthReadinessAndMetadataOverRestAndGrpc() throws Exception {
    assertThat(
            JSON.readTree(ServeTesting.get(server.port(), "/v2/health/live").body())
                .get("live")
                .asBoolean())
        .isTrue();
    assertThat(
            JSON.readTree(ServeTesting.get(server.port(), "/v2/health/ready").body())
                .get("ready")
                .asBoolean())
        .isTrue();
    assertThat(ServeTesting.get(server.port(), "/v2/models/second/ready").statusCode())
        .isEqualTo(200);
    HttpResponse<String> missing = ServeTesting.get(server.port(), "/v2/models/nope/ready");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("unknown model 'nope'", "tiny", "second");

    JsonNode metadata = JSON.readTree(ServeTesting.get(server.port(), "/v2/models/tiny").body());
    assertThat(metadata.get("platform").asText()).isEqualTo("mtl4j");
    assertThat(metadata.get("inputs").toString())
        .isEqualTo(
            "[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[-1]},{\"name\":\"text_b\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
    assertThat(metadata.at("/outputs/2").toString())
        .isEqualTo("{\"name\":\"intent.probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,3]}");
    assertThat(metadata.get("outputs")).hasSize(9);

    assertThat(grpc.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(grpc.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    assertThat(grpc.modelReady(ModelReadyRequest.newBuilder().setName("second").build()).getReady())
        .isTrue();
    ModelMetadataResponse grpcMetadata =
        grpc.modelMetadata(ModelMetadataRequest.newBuilder().setName("tiny").build());
    assertThat(grpcMetadata.getOutputsList())
        .extracting(ModelMetadataResponse.TensorMetadata::getName)
        .containsExactlyElementsOf(
            () -> metadata.get("outputs").findValuesAsText("name").iterator());
    assertThatThrownBy(
            () -> grpc.modelMetadata(ModelMetadataRequest.newBuilder().setName("nope").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("unknown model 'nope'");
            });

    JsonNode health = JSON.readTree(ServeTesting.get(server.port(), "/health").body());
    assertThat(health.get("models").fieldNames()).toIterable().containsExactly("tiny", "second");
    assertThat(health.at("/models/tiny/tasks").toString())
        .isEqualTo("[\"intent\",\"topics\",\"slots\",\"nli\"]");
  }

  @Test
  void accessLogHasALinePerRequest() throws Exception {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      ServeTesting.post(
          server.port(),
          "/v2/models/second/infer",
          ServeTesting.inferJson(List.of("logged"), null, List.of()));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!captured
              .toString(java.nio.charset.StandardCharsets.UTF_8)
              .contains("/v2/models/second/infer")
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("mtl.serve.access", "\"POST /v2/models/second/infer", " 200 ");
  }

  @Test
  void metricsCountRoutesStatusesAndJvm() throws Exception {
    ServeTesting.post(
        server.port(),
        "/v2/models/tiny/infer",
        ServeTesting.inferJson(List.of("warm"), null, List.of()));
    ServeTesting.post(server.port(), "/v2/models/tiny/infer", "not json");
    grpc.serverLive(ServerLiveRequest.getDefaultInstance());
    String metrics = ServeTesting.get(server.port(), "/metrics").body();
    assertThat(metrics)
        .contains(
            "mtl_inference_latency_seconds_count{model=\"tiny\"}",
            "mtl_request_latency_seconds_count{model=\"tiny\",outcome=\"ok\"}",
            "jvm_memory_used_bytes",
            "jvm_threads_live_threads",
            "jvm_gc_");
    assertThat(metrics)
        .containsPattern(
            "mtl_http_requests_total\\{[^}]*http_status=\"200\"[^}]*service=\"/v2/models/:name/infer\"");
    assertThat(metrics)
        .containsPattern(
            "mtl_http_requests_total\\{[^}]*http_status=\"400\"[^}]*service=\"/v2/models/:name/infer\"");
    assertThat(metrics).containsPattern("mtl_http_requests_total\\{[^}]*method=\"ServerLive\"");
  }
}
