package org.mtl4j.serve;

import com.linecorp.armeria.common.metric.MeterIdPrefixFunction;
import com.linecorp.armeria.server.GracefulShutdown;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.logging.AccessLogWriter;
import com.linecorp.armeria.server.metric.MetricCollectingService;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.MicrometerListener;
import org.mtl4j.runtime.RuntimeOptions;

/**
 * A running model server: one or more models on one port that speaks HTTP/1.1, HTTP/2 (h2c) and
 * gRPC, built on Armeria. It serves the JSON API ({@link JsonApi}) and the Open Inference Protocol
 * over REST ({@link OipRest}) and gRPC ({@link OipGrpc}), with a read timeout per request, an idle
 * timeout per connection, a body size limit, an access log, per-route and per-status request meters
 * ({@code mtl_http_requests_total}) and JVM meters on {@code /metrics}.
 *
 * <p>Owns the models. {@link #close()} drains: requests that arrive from then on are answered 503
 * "server is shutting down", requests in flight finish (for at most the drain timeout), then the
 * port closes and the models are released. Idempotent.
 */
public final class ModelServer implements AutoCloseable {

  /** The platform and server name the protocol's metadata reports. */
  public static final String PLATFORM = "mtl4j";

  private static final Duration QUIET_PERIOD = Duration.ofMillis(200);

  private final ServedModels models;
  private final Drain drain;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private final Server server;
  private boolean closed;

  private ModelServer(
      ServedModels models,
      Drain drain,
      PrometheusMeterRegistry registry,
      JvmGcMetrics gcMetrics,
      Server server) {
    this.models = models;
    this.drain = drain;
    this.registry = registry;
    this.gcMetrics = gcMetrics;
    this.server = server;
  }

  /**
   * Loads the models and starts serving.
   *
   * @param sources model name to package directory or {@code .onnx} file, in the order to list them
   * @param options how to listen and what to accept
   * @param runtime the runtime options of a model, given the listener of its meters
   * @return the running server
   * @throws org.mtl4j.runtime.ModelLoadException when a model cannot be loaded
   * @throws java.util.concurrent.CompletionException when the port cannot be bound
   */
  public static ModelServer start(
      Map<String, Path> sources,
      ServerOptions options,
      Function<InferenceListener, RuntimeOptions> runtime) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gcMetrics = new JvmGcMetrics();
    ServedModels models;
    try {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      gcMetrics.bindTo(registry);
      models =
          ServedModels.load(
              sources, options.batcher(), runtime, name -> new MicrometerListener(registry, name));
    } catch (RuntimeException e) {
      gcMetrics.close();
      registry.close();
      throw e;
    }
    try {
      Drain drain = new Drain();
      Server server = build(models, options, registry, drain);
      server.start().join();
      return new ModelServer(models, drain, registry, gcMetrics, server);
    } catch (RuntimeException e) {
      models.close();
      gcMetrics.close();
      registry.close();
      throw e;
    }
  }

  private static Server build(
      ServedModels models, ServerOptions options, PrometheusMeterRegistry registry, Drain drain) {
    ServerBuilder builder =
        Server.builder()
            .http(new InetSocketAddress(options.host(), options.port()))
            .requestTimeout(options.readTimeout())
            .idleTimeout(options.idleTimeout())
            .maxRequestLength(options.maxBodyBytes())
            .meterRegistry(registry)
            .errorHandler(new HttpErrors(options))
            .defaultServiceNaming(ctx -> ctx.config().route().patternString())
            .gracefulShutdown(
                GracefulShutdown.builder()
                    .quietPeriod(
                        QUIET_PERIOD.compareTo(options.drainTimeout()) < 0
                            ? QUIET_PERIOD
                            : options.drainTimeout())
                    .timeout(options.drainTimeout())
                    .build())
            .decorator(drain)
            .decorator(
                MetricCollectingService.newDecorator(MeterIdPrefixFunction.ofDefault("mtl.http")));
    if (options.accessLog()) {
      builder.accessLogger("mtl.serve.access").accessLogWriter(AccessLogWriter.common(), true);
    }
    new JsonApi(models, options, registry).addTo(builder);
    new OipRest(models, options).addTo(builder);
    builder.service(
        GrpcService.builder()
            .addService(new OipGrpc(models, options))
            .useBlockingTaskExecutor(true)
            .build());
    return builder.build();
  }

  /**
   * @return the port the server listens on
   */
  public int port() {
    return server.activeLocalPort();
  }

  /**
   * @return the models served
   */
  public ServedModels models() {
    return models;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    drain.begin();
    try {
      server.stop().join();
    } finally {
      try {
        models.close();
      } finally {
        gcMetrics.close();
        registry.close();
      }
    }
  }
}
