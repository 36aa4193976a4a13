package org.mtl4j.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer meters for a model: {@code mtl.inference.latency} (timer per ONNX Runtime batch),
 * {@code mtl.batch.size} (rows per batch), {@code mtl.sequence.length} (padded tokens per row),
 * {@code mtl.request.latency} (micro-batched requests, tagged by outcome), {@code mtl.queue.depth}
 * (gauge) and {@code mtl.requests.rejected}. Micrometer is an optional dependency: only services
 * that create this class need it on the class path.
 */
public final class MicrometerListener implements InferenceListener {

  private final MeterRegistry registry;
  private final String model;
  private final Timer inference;
  private final DistributionSummary batchSize;
  private final DistributionSummary sequenceLength;
  private final Counter rejected;
  private final AtomicInteger queueDepth = new AtomicInteger();

  /**
   * @param registry where to register the meters
   * @param model a tag value naming the model
   */
  public MicrometerListener(MeterRegistry registry, String model) {
    this.registry = registry;
    this.model = model;
    this.inference =
        Timer.builder("mtl.inference.latency")
            .description("ONNX Runtime batch time, tensors to typed results")
            .tag("model", model)
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    this.batchSize =
        DistributionSummary.builder("mtl.batch.size").tag("model", model).register(registry);
    this.sequenceLength =
        DistributionSummary.builder("mtl.sequence.length")
            .baseUnit("tokens")
            .tag("model", model)
            .register(registry);
    this.rejected = Counter.builder("mtl.requests.rejected").tag("model", model).register(registry);
    Gauge.builder("mtl.queue.depth", queueDepth, AtomicInteger::get)
        .tag("model", model)
        .register(registry);
  }

  @Override
  public void batchRun(int rows, int sequence, long nanos) {
    inference.record(nanos, TimeUnit.NANOSECONDS);
    batchSize.record(rows);
    sequenceLength.record(sequence);
  }

  @Override
  public void requestDone(long nanos, String outcome) {
    Timer.builder("mtl.request.latency")
        .tag("model", model)
        .tag("outcome", outcome)
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void rejected() {
    rejected.increment();
  }

  @Override
  public void queueDepth(int depth) {
    queueDepth.set(depth);
  }
}
