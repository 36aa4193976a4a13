package org.mtl4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.InvalidRequestException;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.MicrometerListener;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.QueueFullException;
import org.mtl4j.zoo.pkg.TaskSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mtl serve}: an HTTP JSON endpoint over a micro-batched model, on the JDK's built-in
 * HTTP server ({@code jdk.httpserver}, maintained with the JDK; no extra dependency).
 *
 * <ul>
 *   <li>{@code POST /v1/predict} with {@code {"texts": [...]}} or {@code {"pairs": [[a, b],
 *       ...]}} and optional {@code "tasks"}: {@code {"predictions": [{task: result}, ...]}}.
 *       413 when the body exceeds {@code --max-body-bytes}; 400 for malformed requests, too many
 *       inputs or unknown tasks; 503 when the queue is full; 504 on timeout.
 *   <li>{@code GET /health}: model, tasks, provider.
 *   <li>{@code GET /metrics}: Prometheus text format.
 * </ul>
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serves a model over HTTP: POST /v1/predict, GET /health, GET /metrics.")
public final class ServeCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PKG|MODEL", description = "package directory or exported .onnx")
  Path model;

  @Option(names = "--port", description = "port to listen on, 0 for any free port (default ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(names = "--max-body-bytes", description = "largest request body (default ${DEFAULT-VALUE})")
  int maxBodyBytes = 1 << 20;

  @Option(names = "--max-inputs", description = "most texts or pairs per request (default ${DEFAULT-VALUE})")
  int maxInputs = 64;

  @Option(names = "--batch-size", description = "micro-batch size (default ${DEFAULT-VALUE})")
  int batchSize = 32;

  @Option(names = "--batch-delay-ms", description = "longest wait for a batch to fill (default ${DEFAULT-VALUE})")
  long batchDelayMs = 2;

  @Option(names = "--queue", description = "most queued inputs before 503 (default ${DEFAULT-VALUE})")
  int queue = 1024;

  @Option(names = "--timeout-ms", description = "per-input timeout, 504 after (default ${DEFAULT-VALUE})")
  long timeoutMs = 10_000;

  @Option(names = "--http-threads", description = "threads handling connections (default ${DEFAULT-VALUE})")
  int httpThreads = 16;

  @ArgGroup(exclusive = false, heading = "%nRuntime options:%n")
  PredictCommand.ModelOptions runtime = new PredictCommand.ModelOptions();

  @Mixin VerifyOption checksums = new VerifyOption();

  @Override
  public Integer call() throws IOException, InterruptedException {
    try (Server server = start()) {
      spec.commandLine().getOut().println("mtl serve: listening on http://" + host + ":" + server.port());
      spec.commandLine().getOut().flush();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "mtl-serve-shutdown"));
      stop.await();
    }
    return ExitCodes.OK;
  }

  /**
   * Loads the model and starts serving.
   *
   * @return the running server; closing it stops the server and releases the model
   * @throws IOException when the port cannot be bound
   */
  Server start() throws IOException {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be between 0 and 65535, was " + port);
    }
    if (maxBodyBytes < 1 || maxInputs < 1) {
      throw new UsageException("--max-body-bytes and --max-inputs must be positive");
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerListener meters = new MicrometerListener(registry, model.getFileName().toString());
    MtlModel loaded = MtlModel.load(model, runtime.toOptions(meters, checksums));
    MicroBatcher batcher;
    HttpServer http;
    try {
      batcher = new MicroBatcher(loaded,
          new BatcherOptions(batchSize, Duration.ofMillis(batchDelayMs), queue,
              Duration.ofMillis(timeoutMs), 1),
          meters);
      http = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (RuntimeException | IOException e) {
      loaded.close();
      throw e;
    }
    Server server = new Server(loaded, batcher, registry, http, Executors.newFixedThreadPool(httpThreads));
    http.createContext("/v1/predict", server::predict);
    http.createContext("/health", server::health);
    http.createContext("/metrics", server::metrics);
    http.setExecutor(server.executor);
    http.start();
    return server;
  }

  /** A running server; owns the model, the batcher, the HTTP server and its threads. */
  final class Server implements AutoCloseable {
    private final MtlModel model;
    private final MicroBatcher batcher;
    private final PrometheusMeterRegistry registry;
    private final HttpServer http;
    private final ExecutorService executor;
    private boolean closed;

    Server(MtlModel model, MicroBatcher batcher, PrometheusMeterRegistry registry, HttpServer http,
        ExecutorService executor) {
      this.model = model;
      this.batcher = batcher;
      this.registry = registry;
      this.http = http;
      this.executor = executor;
    }

    int port() {
      return http.getAddress().getPort();
    }

    private void predict(HttpExchange exchange) throws IOException {
      try (exchange) {
        if (!exchange.getRequestMethod().equals("POST")) {
          send(exchange, 405, error("use POST"));
          return;
        }
        byte[] body = readLimited(exchange);
        if (body == null) {
          send(exchange, 413, error("request body exceeds " + maxBodyBytes + " bytes"));
          return;
        }
        try {
          send(exchange, 200, JSON.writeValueAsBytes(Map.of("predictions", answer(body))));
        } catch (InvalidRequestException | BadRequest e) {
          send(exchange, 400, error(e.getMessage()));
        } catch (QueueFullException e) {
          send(exchange, 503, error(e.getMessage()));
        } catch (TimeoutException e) {
          send(exchange, 504, error("prediction timed out after " + timeoutMs + " ms"));
        } catch (RuntimeException | ExecutionException e) {
          Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
          send(exchange, 500, error(String.valueOf(cause.getMessage())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          send(exchange, 503, error("server is shutting down"));
        }
      }
    }

    private List<Prediction> answer(byte[] body)
        throws InterruptedException, ExecutionException, TimeoutException {
      JsonNode request;
      try {
        request = JSON.readTree(body);
      } catch (IOException e) {
        throw new BadRequest("body is not JSON: " + e.getMessage());
      }
      if (request == null || !request.isObject()) {
        throw new BadRequest("body must be a JSON object with \"texts\" or \"pairs\"");
      }
      List<ModelInput> inputs = inputs(request);
      List<String> tasks = new ArrayList<>();
      JsonNode taskNode = request.get("tasks");
      if (taskNode != null) {
        if (!taskNode.isArray()) {
          throw new BadRequest("\"tasks\" must be an array of task names");
        }
        taskNode.forEach(t -> tasks.add(t.asText()));
      }
      List<CompletableFuture<Prediction>> futures = new ArrayList<>();
      try {
        for (ModelInput input : inputs) {
          futures.add(batcher.submit(input, tasks));
        }
        List<Prediction> out = new ArrayList<>();
        for (CompletableFuture<Prediction> f : futures) {
          try {
            out.add(f.get());
          } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException t) {
              throw t;
            }
            throw e;
          }
        }
        return out;
      } finally {
        futures.forEach(f -> f.cancel(false));
      }
    }

    private List<ModelInput> inputs(JsonNode request) {
      JsonNode texts = request.get("texts");
      JsonNode pairs = request.get("pairs");
      if ((texts == null) == (pairs == null)) {
        throw new BadRequest("give exactly one of \"texts\" and \"pairs\"");
      }
      JsonNode list = texts != null ? texts : pairs;
      if (!list.isArray() || list.isEmpty()) {
        throw new BadRequest("\"" + (texts != null ? "texts" : "pairs") + "\" must be a non-empty array");
      }
      if (list.size() > maxInputs) {
        throw new BadRequest(list.size() + " inputs in one request; the limit is " + maxInputs);
      }
      List<ModelInput> inputs = new ArrayList<>();
      for (JsonNode item : list) {
        if (texts != null) {
          if (!item.isTextual()) {
            throw new BadRequest("every element of \"texts\" must be a string");
          }
          inputs.add(ModelInput.of(item.asText()));
        } else {
          if (!item.isArray() || item.size() != 2 || !item.get(0).isTextual() || !item.get(1).isTextual()) {
            throw new BadRequest("every element of \"pairs\" must be [\"text a\", \"text b\"]");
          }
          inputs.add(ModelInput.pair(item.get(0).asText(), item.get(1).asText()));
        }
      }
      return inputs;
    }

    private void health(HttpExchange exchange) throws IOException {
      try (exchange) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", "ok");
        node.put("model", String.valueOf(ServeCommand.this.model));
        node.put("provider", model.provider().toString());
        node.set("tasks", JSON.valueToTree(model.manifest().tasks().stream().map(TaskSpec::name).toList()));
        send(exchange, 200, JSON.writeValueAsBytes(node));
      }
    }

    private void metrics(HttpExchange exchange) throws IOException {
      try (exchange) {
        byte[] text = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, text.length);
        exchange.getResponseBody().write(text);
      }
    }

    /** @return the body, or null when it is larger than the limit */
    private byte[] readLimited(HttpExchange exchange) throws IOException {
      String declared = exchange.getRequestHeaders().getFirst("Content-Length");
      if (declared != null) {
        try {
          if (Long.parseLong(declared.trim()) > maxBodyBytes) {
            return null;
          }
        } catch (NumberFormatException e) {
          throw new IOException("bad Content-Length " + declared, e);
        }
      }
      try (InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        return body.length > maxBodyBytes ? null : body;
      }
    }

    private byte[] error(String message) throws JsonProcessingException {
      return JSON.writeValueAsBytes(Map.of("error", message));
    }

    private void send(HttpExchange exchange, int status, byte[] body) throws IOException {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      http.stop(0);
      executor.shutdownNow();
      batcher.close();
      model.close();
      registry.close();
    }
  }

  /** A malformed request body (HTTP 400). */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
