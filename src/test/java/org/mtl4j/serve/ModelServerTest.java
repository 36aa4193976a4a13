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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
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
  static GraphLogits graph;
  static ManagedChannel channel;
  static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub grpc;

  @BeforeAll
  static void start() throws Exception {
    Path tiny = ServeTesting.tinyPackage(dir.resolve("tiny"), 9);
    Path other = ServeTesting.tinyPackage(dir.resolve("other"), 10);
    Map<String, Path> models = new LinkedHashMap<>();
    models.put(ServedModels.defaultName(tiny), tiny);
    models.put("second", other);
    server =
        ServeTesting.start(models, ServeTesting.options(1 << 16, 8, Duration.ofSeconds(5), true));
    reference = MtlModel.load(tiny, RuntimeOptions.builder().optIntraOpThreads(1).build());
    graph = new GraphLogits(tiny);
    channel = ServeTesting.channel(server.port());
    grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow();
    server.close();
    reference.close();
    graph.close();
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
  void logitsAskedForByNameEqualTheGraphsOutputsAndDecodeToTheResults() throws Exception {
    List<String> names =
        List.of(
            "intent.logits",
            "intent.probabilities",
            "topics.logits",
            "topics.labels",
            "slots.logits",
            "slots.tags");
    HttpResponse<String> rest =
        ServeTesting.post(
            server.port(), "/v2/models/tiny/infer", ServeTesting.inferJson(TEXTS, null, names));
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
    JsonNode restOutputs = ServeTesting.outputs(JSON.readTree(rest.body()));
    assertThat(restOutputs.fieldNames()).toIterable().containsExactlyElementsOf(names);
    assertLogitsOfTexts(restOutputs, "rest");
    assertLogitsOfTexts(
        ServeTesting.outputs(
            grpc.modelInfer(ServeTesting.inferProto("tiny", TEXTS, null, names, false))),
        "grpc");

    JsonNode pairs =
        ServeTesting.outputs(
            grpc.modelInfer(
                ServeTesting.inferProto(
                    "tiny", FIRST, SECOND, List.of("nli.logits", "nli.probabilities"), true)));
    assertThat(pairs.at("/nli.logits/shape").toString()).isEqualTo("[2,3]");
    for (int i = 0; i < FIRST.size(); i++) {
      float[] logits = row(pairs.get("nli.logits"), i, 3);
      assertClose(logits, graph.sentence("nli", FIRST.get(i), SECOND.get(i)), 1e-5, "nli " + i);
      assertClose(softmax(logits), row(pairs.get("nli.probabilities"), i, 3), 1e-6, "nli p " + i);
    }
  }

  /** Every logits output of {@link #TEXTS} against the graph's own outputs and the results. */
  private static void assertLogitsOfTexts(JsonNode outputs, String where) throws Exception {
    int words = 7;
    assertThat(outputs.at("/intent.logits/datatype").asText()).isEqualTo("FP32");
    assertThat(outputs.at("/intent.logits/shape").toString()).isEqualTo("[3,3]");
    assertThat(outputs.at("/topics.logits/shape").toString()).isEqualTo("[3,4]");
    assertThat(outputs.at("/slots.logits/shape").toString()).isEqualTo("[3," + words + ",5]");
    List<String> topics = reference.manifest().task("topics").orElseThrow().labels();
    List<String> tags = reference.manifest().task("slots").orElseThrow().labels();
    for (int i = 0; i < TEXTS.size(); i++) {
      String at = where + " row " + i;
      float[] intent = row(outputs.get("intent.logits"), i, 3);
      assertClose(intent, graph.sentence("intent", TEXTS.get(i), null), 1e-5, at + " intent");
      assertClose(softmax(intent), row(outputs.get("intent.probabilities"), i, 3), 1e-6, at);

      float[] topic = row(outputs.get("topics.logits"), i, 4);
      assertClose(topic, graph.sentence("topics", TEXTS.get(i), null), 1e-5, at + " topics");
      JsonNode labels = JSON.readTree(outputs.get("topics.labels").get("data").get(i).asText());
      Map<String, Double> above = new LinkedHashMap<>();
      for (int c = 0; c < topics.size(); c++) {
        double p = 1 / (1 + Math.exp(-topic[c]));
        if (p >= 0.5) {
          above.put(topics.get(c), p);
        }
      }
      assertThat(labels.findValuesAsText("label")).as(at).hasSameElementsAs(above.keySet());
      for (JsonNode l : labels) {
        assertThat(l.get("score").asDouble())
            .as(at + " " + l)
            .isCloseTo(above.get(l.get("label").asText()), Offset.offset(1e-6));
      }

      List<float[]> expected = graph.words("slots", TEXTS.get(i));
      JsonNode wordTags = JSON.readTree(outputs.get("slots.tags").get("data").get(i).asText());
      assertThat(wordTags.size()).as(at).isEqualTo(expected.size());
      float[] slots = row(outputs.get("slots.logits"), i, words * tags.size());
      for (int w = 0; w < words; w++) {
        float[] word = Arrays.copyOfRange(slots, w * tags.size(), (w + 1) * tags.size());
        if (w >= expected.size()) {
          assertThat(word).as(at + " padding word " + w).containsOnly(0f);
          continue;
        }
        assertClose(word, expected.get(w), 1e-5, at + " word " + w);
        double[] p = softmax(word);
        int best = 0;
        for (int t = 1; t < p.length; t++) {
          best = p[t] > p[best] ? t : best;
        }
        assertThat(wordTags.get(w).get("tag").asText()).as(at).isEqualTo(tags.get(best));
        assertThat(wordTags.get(w).get("score").asDouble())
            .as(at)
            .isCloseTo(p[best], Offset.offset(1e-6));
      }
    }
  }

  private static float[] row(JsonNode tensor, int row, int width) {
    float[] out = new float[width];
    for (int i = 0; i < width; i++) {
      out[i] = (float) tensor.get("data").get(row * width + i).asDouble();
    }
    return out;
  }

  private static double[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static void assertClose(float[] actual, float[] expected, double tolerance, String at) {
    assertClose(widen(actual), expected, tolerance, at);
  }

  private static void assertClose(double[] actual, float[] expected, double tolerance, String at) {
    assertThat(actual).as(at).containsExactly(widen(expected), Offset.offset(tolerance));
  }

  private static double[] widen(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Test
  void versionRoutesServeTheModelsOneVersion() throws Exception {
    JsonNode metadata =
        JSON.readTree(ServeTesting.get(server.port(), "/v2/models/tiny/versions/1").body());
    assertThat(metadata.get("versions").toString()).isEqualTo("[\"1\"]");
    assertThat(metadata)
        .isEqualTo(JSON.readTree(ServeTesting.get(server.port(), "/v2/models/tiny").body()));
    HttpResponse<String> ready =
        ServeTesting.get(server.port(), "/v2/models/second/versions/1/ready");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("name").asText()).isEqualTo("second");
    HttpResponse<String> infer =
        ServeTesting.post(
            server.port(),
            "/v2/models/tiny/versions/1/infer",
            ServeTesting.inferJson(TEXTS, null, List.of()));
    assertThat(infer.statusCode()).as(infer.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(infer.body());
    assertThat(body.get("model_version").asText()).isEqualTo("1");
    ServeTesting.assertSameAnswer(
        ServeTesting.outputs(body),
        ServeTesting.expectedOutputs(reference.manifest(), expected(texts())),
        "versioned");

    assertThat(
            grpc.modelReady(ModelReadyRequest.newBuilder().setName("tiny").setVersion("1").build())
                .getReady())
        .isTrue();
    assertThat(
            grpc.modelMetadata(
                    ModelMetadataRequest.newBuilder().setName("tiny").setVersion("1").build())
                .getVersionsList())
        .containsExactly("1");
    ModelInferResponse versioned =
        grpc.modelInfer(
            ServeTesting.inferProto("tiny", TEXTS, null, List.of(), false).toBuilder()
                .setModelVersion("1")
                .build());
    assertThat(versioned.getModelVersion()).isEqualTo("1");
    ServeTesting.assertSameAnswer(
        ServeTesting.outputs(versioned),
        ServeTesting.expectedOutputs(reference.manifest(), expected(texts())),
        "grpc versioned");
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
    assertThat(metadata.get("outputs")).hasSize(13);
    assertThat(metadata.at("/outputs/3/name").asText()).isEqualTo("intent.logits");
    assertThat(metadata.at("/outputs/3/shape").toString()).isEqualTo("[-1,3]");
    assertThat(metadata.at("/outputs/3/parameters/description").asText()).contains("softmax");
    assertThat(metadata.at("/outputs/8/name").asText()).isEqualTo("slots.logits");
    assertThat(metadata.at("/outputs/8/shape").toString()).isEqualTo("[-1,-1,5]");
    assertThat(metadata.at("/outputs/8/parameters/description").asText())
        .contains("first sub-token of each word of slots.tags", "zeros");
    assertThat(metadata.get("versions").toString()).isEqualTo("[\"1\"]");

    assertThat(grpc.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(grpc.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
    assertThat(grpc.modelReady(ModelReadyRequest.newBuilder().setName("second").build()).getReady())
        .isTrue();
    ModelMetadataResponse grpcMetadata =
        grpc.modelMetadata(ModelMetadataRequest.newBuilder().setName("tiny").build());
    assertThat(grpcMetadata.getVersionsList()).containsExactly("1");
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
