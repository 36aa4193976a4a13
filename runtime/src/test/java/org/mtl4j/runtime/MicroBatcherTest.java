package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/** Bounded queue, timeouts, cancellation and grouping of the micro-batcher. */
class MicroBatcherTest {

  @TempDir Path dir;

  /** Blocks the worker inside its first batch until released, and counts rows run. */
  static final class GateListener implements InferenceListener {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger rows = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();

    @Override
    public void batchRun(int batchRows, int sequence, long nanos) {
      rows.addAndGet(batchRows);
      batches.incrementAndGet();
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  GateListener gate;
  MtlModel model;

  @BeforeEach
  void load() {
    gate = new GateListener();
    TinyModel tiny = new TinyModel(2, FixtureTasks.SINGLE, MiniLmModel.VOCAB, true);
    model =
        MtlModel.load(
            tiny.writePackage(dir.resolve("tiny"), 32),
            RuntimeOptions.builder().optIntraOpThreads(1).optListener(gate).build());
  }

  @AfterEach
  void close() {
    gate.release.countDown();
    model.close();
  }

  private MicroBatcher batcher(int capacity, Duration timeout) {
    return new MicroBatcher(
        model, new BatcherOptions(8, Duration.ZERO, capacity, timeout, 1), InferenceListener.NONE);
  }

  @Test
  void fullQueueRejectsClearly() throws Exception {
    try (MicroBatcher batcher = batcher(1, Duration.ofMinutes(1))) {
      CompletableFuture<Prediction> first = batcher.submit(ModelInput.of("one"), List.of());
      gate.entered.await();
      CompletableFuture<Prediction> queued = batcher.submit(ModelInput.of("two"), List.of());
      assertThatThrownBy(() -> batcher.submit(ModelInput.of("three"), List.of()))
          .isInstanceOf(QueueFullException.class)
          .hasMessageContaining("queue is full (1 requests waiting)");
      gate.release.countDown();
      assertThat(first.get().results()).containsKeys("intent");
      assertThat(queued.get().results()).containsKeys("intent");
    }
  }

  @Test
  void requestsTimeOutAndCancelledRequestsAreDropped() throws Exception {
    try (MicroBatcher batcher = batcher(8, Duration.ofMillis(50))) {
      CompletableFuture<Prediction> first = batcher.submit(ModelInput.of("one"), List.of());
      gate.entered.await();
      CompletableFuture<Prediction> late = batcher.submit(ModelInput.of("two"), List.of());
      CompletableFuture<Prediction> cancelled = batcher.submit(ModelInput.of("three"), List.of());
      cancelled.cancel(false);
      assertThatThrownBy(late::get)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
      gate.release.countDown();
      assertThatThrownBy(first::get).hasCauseInstanceOf(TimeoutException.class);
      CompletableFuture<Prediction> after = batcher.submit(ModelInput.of("four"), List.of());
      assertThat(after.get().results()).containsKeys("intent");
      assertThat(gate.rows.get()).as("rows run: 'one' and 'four' only").isEqualTo(2);
    }
  }

  @Test
  void aTerminatedRunFailsClearly() throws Exception {
    gate.release.countDown();
    try (ai.onnxruntime.OrtSession.RunOptions options =
        new ai.onnxruntime.OrtSession.RunOptions()) {
      options.setTerminate(true);
      TokenizedRequest request = model.tokenize(ModelInput.of("stop me"), List.of());
      assertThatThrownBy(() -> model.run(List.of(request), options))
          .isInstanceOf(InferenceException.class)
          .hasMessageContaining("ONNX Runtime failed");
    }
  }

  @Test
  void invalidRequestsFailOnTheCallersThread() {
    try (MicroBatcher batcher = batcher(8, Duration.ofMinutes(1))) {
      assertThatThrownBy(() -> batcher.submit(ModelInput.of("x"), List.of("nope")))
          .isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  void closedBatcherRejects() {
    MicroBatcher batcher = batcher(8, Duration.ofMinutes(1));
    batcher.close();
    batcher.close();
    assertThatThrownBy(() -> batcher.submit(ModelInput.of("x"), List.of()))
        .isInstanceOf(IllegalStateException.class);
  }
}
