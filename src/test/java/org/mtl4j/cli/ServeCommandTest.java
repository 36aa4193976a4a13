package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.serve.ModelServer;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;
import picocli.CommandLine;

/** {@code mtl serve} options: model names, limits, and the JSON API it keeps. */
class ServeCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path dir;
  static Path pkg;
  static ModelServer server;

  @BeforeAll
  static void start() {
    pkg =
        new TinyModel(9, FixtureTasks.ALL, MiniLmModel.VOCAB, true)
            .writePackage(dir.resolve("pkg"), 32);
    server =
        parse(
                pkg.toString(),
                "--port",
                "0",
                "--threads",
                "1",
                "--max-body-bytes",
                "2000",
                "--max-inputs",
                "4",
                "--no-access-log")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static ServeCommand parse(String... args) {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void namesModelsAfterTheirFolderOrFileOrTheGivenName() {
    assertThat(parse("/m/snips-pkg/").sources()).containsOnlyKeys("snips-pkg");
    assertThat(parse("/m/intent.onnx", "--model", "ner=/m/ner.onnx", "--model", "b=/m/b").sources())
        .containsOnlyKeys("intent", "ner", "b");
    assertThatThrownBy(() -> parse("/m/a.onnx", "--model", "a=/m/other").sources())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("already taken");
    assertThatThrownBy(() -> parse().sources())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("give a model");
    assertThatThrownBy(() -> parse("/m/a", "--read-timeout-ms", "0").options())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("timeouts must be positive");
    assertThat(parse("/m/a").options().readTimeout()).hasSeconds(30);
  }

  @Test
  void predictsTextsAndPairs() throws Exception {
    HttpResponse<String> texts =
        post("/v1/predict", "{\"texts\": [\"Anna flew to Oslo\", \"hi\"], \"tasks\": [\"slots\"]}");
    assertThat(texts.statusCode()).as(texts.body()).isEqualTo(200);
    JsonNode predictions = JSON.readTree(texts.body()).get("predictions");
    assertThat(predictions.size()).isEqualTo(2);
    assertThat(predictions.get(0).fieldNames()).toIterable().containsExactly("slots");
    assertThat(predictions.at("/0/slots/tags/3/word").asText()).isEqualTo("Oslo");
    HttpResponse<String> pairs = post("/v1/predict", "{\"pairs\": [[\"a\", \"b\"]]}");
    assertThat(pairs.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(pairs.body()).at("/predictions/0/nli/label").asText())
        .isIn(FixtureTasks.NLI.labels());
  }

  @Test
  void limitsAndBadRequests() throws Exception {
    HttpResponse<String> large = post("/v1/predict", "{\"texts\": [\"" + "x".repeat(3000) + "\"]}");
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(large.body()).contains("request body exceeds 2000 bytes");
    HttpResponse<String> many =
        post("/v1/predict", "{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}");
    assertThat(many.statusCode()).isEqualTo(400);
    assertThat(many.body()).contains("the limit is 4");
    HttpResponse<String> unknown =
        post("/v1/predict", "{\"texts\": [\"a\"], \"tasks\": [\"nope\"]}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown task 'nope'");
    assertThat(post("/v1/predict", "not json").statusCode()).isEqualTo(400);
    assertThat(
            post("/v1/predict", "{\"texts\": [\"a\"], \"pairs\": [[\"a\", \"b\"]]}").statusCode())
        .isEqualTo(400);
    assertThat(post("/v1/predict", "{\"pairs\": [[\"only one\"]]}").body())
        .contains("pairs\\\"[0] must be");
    HttpResponse<String> method = get("/v1/predict");
    assertThat(method.statusCode()).isEqualTo(405);
    assertThat(method.body()).contains("method GET is not allowed on /v1/predict");
  }

  @Test
  void healthAndMetrics() throws Exception {
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).at("/models/pkg/tasks").toString())
        .isEqualTo("[\"intent\",\"topics\",\"slots\",\"nli\"]");
    post("/v1/predict", "{\"texts\": [\"warm\"]}");
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains(
            "mtl_inference_latency_seconds_count",
            "mtl_queue_depth",
            "mtl_request_latency_seconds_count{model=\"pkg\",outcome=\"ok\"}");
  }
}
