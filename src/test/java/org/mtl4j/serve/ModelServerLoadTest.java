package org.mtl4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.serve.ServeTesting.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.serve.oip.grpc.GRPCInferenceServiceGrpc;
import org.mtl4j.serve.oip.grpc.ModelInferRequest;

/**
 * 32 concurrent loopback clients send 500 requests each, mixing the JSON API over HTTP/1.1, the OIP
 * REST API over HTTP/2 and OIP gRPC; no request may fail and every answer must equal the answer the
 * same request got when sent alone.
 */
class ModelServerLoadTest {

  static final int CLIENTS = 32;
  static final int REQUESTS = 500;

  @TempDir Path dir;

  /** One request in its three forms. */
  record Case(String predictJson, String inferJson, ModelInferRequest inferProto) {}

  @Test
  void concurrentMixedProtocolClientsGetTheSerialAnswers() throws Exception {
    Path tiny = ServeTesting.tinyPackage(dir.resolve("tiny"), 9);
    List<Case> cases = cases();
    HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    try (ModelServer server =
        ServeTesting.start(
            Map.of("tiny", tiny),
            ServeTesting.options(1 << 16, 8, Duration.ofSeconds(30), false))) {
      ManagedChannel channel = ServeTesting.channel(server.port());
      try {
        Client client =
            new Client(
                server.port(), http1, http2, GRPCInferenceServiceGrpc.newBlockingStub(channel));
        List<JsonNode[]> serial = new ArrayList<>();
        for (Case c : cases) {
          serial.add(new JsonNode[] {client.call(c, 0), client.call(c, 1), client.call(c, 2)});
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger http2Answers = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          int id = i;
          clients.add(
              pool.submit(
                  () -> {
                    for (int j = 0; j < REQUESTS; j++) {
                      int pick = (id * 7 + j) % cases.size();
                      int protocol = (id + j) % 3;
                      try {
                        JsonNode answer = client.call(cases.get(pick), protocol);
                        ServeTesting.assertSameAnswer(
                            answer,
                            serial.get(pick)[protocol],
                            "case " + pick + " protocol " + protocol);
                        if (protocol == 1
                            && client.lastVersion.get() == HttpClient.Version.HTTP_2) {
                          http2Answers.incrementAndGet();
                        }
                        done.incrementAndGet();
                      } catch (Exception | AssertionError e) {
                        failures.add("client " + id + " request " + j + ": " + e);
                      }
                    }
                  }));
        }
        pool.shutdown();
        for (Future<?> f : clients) {
          f.get(10, TimeUnit.MINUTES);
        }
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(done.get()).isEqualTo(CLIENTS * REQUESTS);
        assertThat(http2Answers.get()).as("REST answers over HTTP/2").isPositive();
      } finally {
        channel.shutdownNow();
      }
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    List<List<String>> texts =
        List.of(
            List.of("Anna flew to Oslo"),
            List.of("hi", "book a flight to Rome tomorrow"),
            List.of("play some jazz", "what is the weather in Berlin", "cancel my order please"));
    for (List<String> t : texts) {
      out.add(
          new Case(
              jsonTexts(t),
              ServeTesting.inferJson(t, null, List.of()),
              ServeTesting.inferProto("tiny", t, null, List.of(), out.size() % 2 == 0)));
    }
    List<String> a = List.of("a man sleeps", "two dogs run");
    List<String> b = List.of("a person rests", "no animal moves");
    out.add(
        new Case(
            "{\"pairs\": [[\"a man sleeps\", \"a person rests\"], [\"two dogs run\", \"no animal moves\"]]}",
            ServeTesting.inferJson(a, b, List.of()),
            ServeTesting.inferProto("tiny", a, b, List.of(), true)));
    return out;
  }

  private static String jsonTexts(List<String> texts) {
    try {
      return "{\"texts\": " + JSON.writeValueAsString(texts) + "}";
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends a case by one protocol: 0 JSON API over HTTP/1.1, 1 OIP REST over HTTP/2, 2 OIP gRPC. */
  static final class Client {
    final int port;
    final HttpClient http1;
    final HttpClient http2;
    final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub grpc;
    final ThreadLocal<HttpClient.Version> lastVersion = new ThreadLocal<>();

    Client(
        int port,
        HttpClient http1,
        HttpClient http2,
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub grpc) {
      this.port = port;
      this.http1 = http1;
      this.http2 = http2;
      this.grpc = grpc;
    }

    JsonNode call(Case c, int protocol) throws Exception {
      return switch (protocol) {
        case 0 -> JSON.readTree(post(http1, "/v1/predict", c.predictJson())).get("predictions");
        case 1 ->
            ServeTesting.outputs(
                JSON.readTree(post(http2, "/v2/models/tiny/infer", c.inferJson())));
        default ->
            ServeTesting.outputs(
                grpc.withDeadlineAfter(30, TimeUnit.SECONDS).modelInfer(c.inferProto()));
      };
    }

    private String post(HttpClient client, String path, String body) throws Exception {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      lastVersion.set(r.version());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    }
  }
}
