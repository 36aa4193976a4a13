package org.mtl4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mtl4j.serve.oip.grpc.GRPCInferenceServiceGrpc;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;

/**
 * Load benchmark of running servers, measured alternately from this one client process: each round
 * sends {@code clients x requests} single-text requests to every target in turn (the order rotates
 * each round), and the report gives throughput (median of rounds) and pooled p50/p99 latency per
 * target.
 *
 * <pre>
 * ServeLoadBenchmark package DIR
 *     writes the MiniLM package (all fixture tasks) the servers load
 * ServeLoadBenchmark run [--clients C] [--requests R] [--rounds N] NAME=KIND@HOST:PORT ...
 *     KIND: json (POST /v1/predict), rest (OIP REST, model "pkg"), grpc (OIP gRPC, model "pkg")
 * </pre>
 */
public final class ServeLoadBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TEXTS =
      List.of(
          "book a table for two at an italian restaurant in Oslo tonight",
          "play the latest album by Miles Davis",
          "what will the weather be like in Berlin tomorrow afternoon",
          "add this song to my workout playlist",
          "rate this novel four out of six stars",
          "find the movie schedule for the cinema near me",
          "hi",
          "search for the creative work called the sound of silence");

  private ServeLoadBenchmark() {}

  /** A server and the protocol to call it by. */
  record Target(String name, String kind, String host, int port) {
    static Target parse(String spec) {
      String[] nameRest = spec.split("=", 2);
      String[] kindAddress = nameRest[1].split("@", 2);
      String[] hostPort = kindAddress[1].split(":", 2);
      return new Target(nameRest[0], kindAddress[0], hostPort[0], Integer.parseInt(hostPort[1]));
    }
  }

  /**
   * @param args see the class comment
   * @throws Exception when a request fails to be sent
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("package")) {
      try (MiniLmModel model = new MiniLmModel(7, FixtureTasks.ALL)) {
        System.out.println("wrote " + model.writePackage(Path.of(args[1]), 128));
      }
      return;
    }
    int clients = 8;
    int requests = 50;
    int rounds = 5;
    List<Target> targets = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> targets.add(Target.parse(args[i]));
      }
    }
    run(targets, clients, requests, rounds);
  }

  private static void run(List<Target> targets, int clients, int requests, int rounds)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Map<Target, ManagedChannel> channels = new LinkedHashMap<>();
    for (Target t : targets) {
      if (t.kind().equals("grpc")) {
        channels.put(
            t, ManagedChannelBuilder.forAddress(t.host(), t.port()).usePlaintext().build());
      }
    }
    Map<Target, List<Long>> latencies = new LinkedHashMap<>();
    Map<Target, List<Double>> throughputs = new LinkedHashMap<>();
    Map<Target, AtomicInteger> errors = new LinkedHashMap<>();
    targets.forEach(
        t -> {
          latencies.put(t, new ArrayList<>());
          throughputs.put(t, new ArrayList<>());
          errors.put(t, new AtomicInteger());
        });
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int round = -1; round < rounds; round++) {
      for (int k = 0; k < targets.size(); k++) {
        Target t = targets.get((k + Math.max(round, 0)) % targets.size());
        long[] times = new long[clients * requests];
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          int client = c;
          futures.add(
              pool.submit(
                  () -> {
                    for (int r = 0; r < requests; r++) {
                      String text = TEXTS.get((client + r) % TEXTS.size());
                      long t0 = System.nanoTime();
                      try {
                        call(http, channels.get(t), t, text);
                      } catch (Exception e) {
                        if (errors.get(t).incrementAndGet() <= 3) {
                          System.err.println(t.name() + ": " + e);
                        }
                      }
                      times[client * requests + r] = System.nanoTime() - t0;
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (round >= 0) {
          throughputs.get(t).add(times.length / seconds);
          Arrays.stream(times).forEach(latencies.get(t)::add);
        }
      }
    }
    pool.shutdown();
    channels.values().forEach(ManagedChannel::shutdownNow);
    System.out.printf(
        Locale.ROOT,
        "%d clients x %d requests per round, %d measured rounds (+1 warm-up), order rotating%n",
        clients,
        requests,
        rounds);
    for (Target t : targets) {
      List<Double> tp = new ArrayList<>(throughputs.get(t));
      tp.sort(null);
      long[] lat = latencies.get(t).stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "%-10s %-4s throughput median %.1f req/s (rounds %s) | p50 %.2f ms p99 %.2f ms | errors %d%n",
          t.name(),
          t.kind(),
          tp.get(tp.size() / 2),
          format(throughputs.get(t)),
          lat[lat.length / 2] / 1e6,
          lat[(int) Math.min(lat.length - 1, Math.ceil(lat.length * 0.99) - 1)] / 1e6,
          errors.get(t).get());
    }
  }

  private static String format(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList().toString();
  }

  private static void call(HttpClient http, ManagedChannel channel, Target t, String text)
      throws Exception {
    switch (t.kind()) {
      case "json" ->
          check(
              post(http, t, "/v1/predict", "{\"texts\": [" + JSON.writeValueAsString(text) + "]}"),
              "predictions");
      case "rest" ->
          check(
              post(
                  http,
                  t,
                  "/v2/models/pkg/infer",
                  ServeTesting.inferJson(List.of(text), null, List.of())),
              "outputs");
      case "grpc" -> {
        var response =
            GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .modelInfer(ServeTesting.inferProto("pkg", List.of(text), null, List.of(), false));
        if (response.getOutputsCount() == 0) {
          throw new IllegalStateException("no outputs");
        }
      }
      default -> throw new IllegalArgumentException("kind must be json, rest or grpc: " + t.kind());
    }
  }

  private static String post(HttpClient http, Target t, String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + t.host() + ":" + t.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static void check(String body, String field) throws Exception {
    JsonNode node = JSON.readTree(body).get(field);
    if (node == null || node.isEmpty()) {
      throw new IllegalStateException("no " + field + " in " + body);
    }
  }
}
