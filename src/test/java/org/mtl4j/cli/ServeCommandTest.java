package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;
import picocli.CommandLine;

/** {@code mtl serve} on a free port: predictions, limits, health and Prometheus metrics. */
class ServeCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static ServeCommand.Server server;

  @BeforeAll
  static void start() throws Exception {
    Path pkg = new TinyModel(9, FixtureTasks.ALL, MiniLmModel.VOCAB, true).writePackage(dir.resolve("pkg"), 32);
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(pkg.toString(), "--port", "0", "--threads", "1",
        "--max-body-bytes", "2000", "--max-inputs", "4");
    server = command.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void predictsTextsAndPairs() throws Exception {
    HttpResponse<String> texts = post("/v1/predict", "{\"texts\": [\"Anna flew to Oslo\", \"hi\"], \"tasks\": [\"slots\"]}");
    assertThat(texts.statusCode()).as(texts.body()).isEqualTo(200);
    JsonNode predictions = JSON.readTree(texts.body()).get("predictions");
    assertThat(predictions.size()).isEqualTo(2);
    assertThat(predictions.get(0).fieldNames()).toIterable().containsExactly("slots");
    assertThat(predictions.at("/0/slots/tags/3/word").asText()).isEqualTo("Oslo");
    HttpResponse<String> pairs = post("/v1/predict", "{\"pairs\": [[\"a\", \"b\"]]}");
    assertThat(pairs.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(pairs.body()).at("/predictions/0/nli/label").asText()).isIn(FixtureTasks.NLI.labels());
  }

  @Test
  void limitsAndBadRequests() throws Exception {
    assertThat(post("/v1/predict", "{\"texts\": [\"" + "x".repeat(3000) + "\"]}").statusCode()).isEqualTo(413);
    HttpResponse<String> many = post("/v1/predict", "{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}");
    assertThat(many.statusCode()).isEqualTo(400);
    assertThat(many.body()).contains("the limit is 4");
    HttpResponse<String> unknown = post("/v1/predict", "{\"texts\": [\"a\"], \"tasks\": [\"nope\"]}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown task 'nope'");
    assertThat(post("/v1/predict", "not json").statusCode()).isEqualTo(400);
    assertThat(post("/v1/predict", "{\"texts\": [\"a\"], \"pairs\": [[\"a\", \"b\"]]}").statusCode()).isEqualTo(400);
    assertThat(post("/v1/predict", "{\"pairs\": [[\"only one\"]]}").statusCode()).isEqualTo(400);
    assertThat(get("/v1/predict").statusCode()).isEqualTo(405);
  }

  @Test
  void healthAndMetrics() throws Exception {
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).get("tasks").toString()).isEqualTo("[\"intent\",\"topics\",\"slots\",\"nli\"]");
    post("/v1/predict", "{\"texts\": [\"warm\"]}");
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("mtl_inference_latency_seconds_count", "mtl_queue_depth",
        "mtl_request_latency_seconds_count{model=\"pkg\",outcome=\"ok\"}");
  }
}
