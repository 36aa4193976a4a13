package org.mtl4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.spring.example.ExampleApplication;
import org.mtl4j.testing.FixtureTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's example service, started as a real Spring Boot application on a random loopback port
 * with the starter configured by its {@code application.properties}: the model bean predicts what
 * the tiny model's own forward pass computes, the endpoints answer over HTTP, the {@code mtl}
 * health indicator reports the model, and the runtime's meters land in the application's registry.
 */
@SpringBootTest(
    classes = ExampleApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MtlStarterApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add("mtl4j.model.path", () -> TinyPackage.path().toString());
  }

  @LocalServerPort int port;

  @Autowired MtlModel model;

  @Autowired MeterRegistry registry;

  @Test
  void modelBeanPredictsWhatTheModelComputes() {
    String text = "book a table for two in berlin";
    double[] expected = TinyPackage.intentProbabilities(text);

    ClassificationResult intent = model.predict(text).get("intent", ClassificationResult.class);

    assertThat(intent.label()).isEqualTo(TinyPackage.intentLabel(text));
    List<String> labels = FixtureTasks.INTENT.labels();
    for (int i = 0; i < labels.size(); i++) {
      assertThat(intent.probabilities().get(labels.get(i))).isCloseTo(expected[i], within(1e-5));
    }
  }

  @Test
  void predictEndpointAnswersEveryTask() throws Exception {
    JsonNode body = get("/predict?text=" + encode("cancel my booking"), 200);

    assertThat(fieldNames(body)).containsExactly("intent", "topics", "slots");
    assertThat(body.path("intent").path("label").asText())
        .isEqualTo(TinyPackage.intentLabel("cancel my booking"));
  }

  @Test
  void intentEndpointRunsThroughTheBatcherAndItsMeters() throws Exception {
    String text = "hello there";
    double before = requestsOk();

    JsonNode body = get("/intent?text=" + encode(text), 200);

    assertThat(body.path("label").asText()).isEqualTo(TinyPackage.intentLabel(text));
    assertThat(body.path("score").asDouble())
        .isCloseTo(max(TinyPackage.intentProbabilities(text)), within(1e-5));
    assertThat(requestsOk()).isEqualTo(before + 1);
  }

  @Test
  void healthEndpointReportsTheModel() throws Exception {
    JsonNode mtl = get("/actuator/health/mtl", 200);

    assertThat(mtl.path("status").asText()).isEqualTo("UP");
    JsonNode details = mtl.path("details");
    assertThat(details.path("model").asText()).isEqualTo(TinyPackage.NAME);
    assertThat(details.path("family").asText()).isEqualTo("bert");
    assertThat(details.path("maxLength").asInt()).isEqualTo(TinyPackage.MAX_LENGTH);
    assertThat(details.path("provider").asText()).isEqualTo("CPU");
    assertThat(fieldNames(details.path("tasks"))).containsExactly("intent", "topics", "slots");
    assertThat(details.path("tasks").path("slots").asText()).isEqualTo("NER");
    assertThat(get("/actuator/health", 200).path("components").has("mtl")).isTrue();
  }

  @Test
  void metersAppearInTheApplicationsRegistry() throws Exception {
    long batches =
        registry.get("mtl.inference.latency").tag("model", TinyPackage.NAME).timer().count();
    double rows =
        registry.get("mtl.batch.size").tag("model", TinyPackage.NAME).summary().totalAmount();

    model.predictBatch(
        List.of(
            ModelInput.of("one"), ModelInput.of("two words"), ModelInput.of("three more words")),
        List.of());

    assertThat(registry.get("mtl.inference.latency").tag("model", TinyPackage.NAME).timer().count())
        .isEqualTo(batches + 1);
    assertThat(
            registry.get("mtl.batch.size").tag("model", TinyPackage.NAME).summary().totalAmount())
        .isEqualTo(rows + 3);
    JsonNode exposed = get("/actuator/metrics/mtl.inference.latency", 200);
    assertThat(exposed.path("availableTags").findValuesAsText("tag")).contains("model");
  }

  private double requestsOk() {
    var timer =
        registry
            .find("mtl.request.latency")
            .tags("model", TinyPackage.NAME, "outcome", "ok")
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private JsonNode get(String pathAndQuery, int status) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static double max(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
