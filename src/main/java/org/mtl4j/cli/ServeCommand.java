package org.mtl4j.cli;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.serve.ModelServer;
import org.mtl4j.serve.ServedModels;
import org.mtl4j.serve.ServerOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mtl serve}: runs {@link ModelServer} for one or more models until the process is stopped,
 * then drains. The server's routes and protocols are described there.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves models on one port over HTTP/1.1, HTTP/2 and gRPC: the JSON API (POST /v1/predict,",
      "GET /health, GET /metrics) and the Open Inference Protocol (REST /v2/..., gRPC",
      "inference.GRPCInferenceService). A model is named after its package folder or .onnx file."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PKG|MODEL",
      description = "package directory or exported .onnx")
  Path model;

  @Option(
      names = "--model",
      paramLabel = "NAME=PATH",
      description = "a further model under a name of its own (repeatable)")
  Map<String, Path> named = new LinkedHashMap<>();

  @Option(
      names = "--port",
      description =
          "port for HTTP/1.1, HTTP/2 and gRPC, 0 for any free port (default ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(
      names = "--max-body-bytes",
      description = "largest request body, 413 above (default ${DEFAULT-VALUE})")
  int maxBodyBytes = 1 << 20;

  @Option(
      names = "--max-inputs",
      description = "most texts or pairs per request, 400 above (default ${DEFAULT-VALUE})")
  int maxInputs = 64;

  @Option(
      names = "--read-timeout-ms",
      description =
          "longest from a request's headers to its answer, body included (default ${DEFAULT-VALUE})")
  long readTimeoutMs = 30_000;

  @Option(
      names = "--idle-timeout-ms",
      description = "closes a connection idle this long (default ${DEFAULT-VALUE})")
  long idleTimeoutMs = 60_000;

  @Option(
      names = "--drain-timeout-ms",
      description = "on shutdown, longest wait for requests in flight (default ${DEFAULT-VALUE})")
  long drainTimeoutMs = 10_000;

  @Option(
      names = "--no-access-log",
      description = "do not log every request to the logger mtl.serve.access")
  boolean noAccessLog;

  @Option(names = "--batch-size", description = "micro-batch size (default ${DEFAULT-VALUE})")
  int batchSize = 32;

  @Option(
      names = "--batch-delay-ms",
      description = "longest wait for a batch to fill (default ${DEFAULT-VALUE})")
  long batchDelayMs = 2;

  @Option(
      names = "--queue",
      description = "most queued inputs per model before 503 (default ${DEFAULT-VALUE})")
  int queue = 1024;

  @Option(
      names = "--timeout-ms",
      description = "per-input prediction timeout, 504 after (default ${DEFAULT-VALUE})")
  long timeoutMs = 10_000;

  @ArgGroup(exclusive = false, heading = "%nRuntime options:%n")
  PredictCommand.ModelOptions runtime = new PredictCommand.ModelOptions();

  @Mixin VerifyOption checksums = new VerifyOption();

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    ModelServer server = start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "mtl-serve-shutdown"));
    spec.commandLine()
        .getOut()
        .println(
            "mtl serve: "
                + server.models().all().size()
                + " model(s) "
                + server.models().all().stream().map(m -> m.name()).toList()
                + " on http://"
                + host
                + ":"
                + server.port()
                + " (HTTP/1.1, HTTP/2, gRPC)");
    spec.commandLine().getOut().flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /**
   * Loads the models and starts serving.
   *
   * @return the running server; closing it drains and releases the models
   */
  ModelServer start() {
    ServerOptions options = options();
    try {
      return ModelServer.start(
          sources(), options, listener -> runtime.toOptions(listener, checksums));
    } catch (CompletionException e) {
      if (e.getCause() instanceof BindException bind) {
        throw new UsageException(
            "cannot listen on " + host + ":" + port + ": " + bind.getMessage(), bind);
      }
      throw e;
    }
  }

  Map<String, Path> sources() {
    Map<String, Path> sources = new LinkedHashMap<>();
    if (model != null) {
      sources.put(ServedModels.defaultName(model), model);
    }
    for (Map.Entry<String, Path> e : named.entrySet()) {
      if (e.getKey().isBlank() || sources.put(e.getKey(), e.getValue()) != null) {
        throw new UsageException(
            "--model "
                + e.getKey()
                + "="
                + e.getValue()
                + ": the name is empty or already taken; names must be unique");
      }
    }
    if (sources.isEmpty()) {
      throw new UsageException("give a model: PKG|MODEL, or --model NAME=PATH");
    }
    return sources;
  }

  ServerOptions options() {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be between 0 and 65535, was " + port);
    }
    try {
      return new ServerOptions(
          host,
          port,
          maxBodyBytes,
          maxInputs,
          Duration.ofMillis(readTimeoutMs),
          Duration.ofMillis(idleTimeoutMs),
          Duration.ofMillis(drainTimeoutMs),
          new BatcherOptions(
              batchSize, Duration.ofMillis(batchDelayMs), queue, Duration.ofMillis(timeoutMs), 1),
          !noAccessLog);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
