package org.mtl4j.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Groups predictions from concurrent callers into batches: a worker takes the oldest request, waits
 * at most {@code maxDelay} for up to {@code maxBatchSize} requests, sorts them by length and runs
 * them in groups of similar length, so short texts are not padded to long ones. Tokenization
 * happens on the caller's thread.
 *
 * <p>The queue is bounded: {@link #submit} throws {@link QueueFullException} when it is full. Every
 * request has a timeout (its future then completes with {@link TimeoutException}); a request
 * cancelled or timed out before its batch starts is dropped from the batch, and a batch whose
 * requests have all timed out or been cancelled is terminated inside ONNX Runtime.
 *
 * <p>Thread-safe. {@link #close()} stops the workers and fails waiting requests; it does not close
 * the model.
 */
public final class MicroBatcher implements AutoCloseable {

  /** A group grows while its longest request is at most this factor of its shortest plus slack. */
  private static final double LENGTH_RATIO = 1.5;

  private static final int LENGTH_SLACK = 8;

  private final MtlModel model;
  private final BatcherOptions options;
  private final InferenceListener listener;
  private final BlockingQueue<Pending> queue;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running = true;

  private record Pending(TokenizedRequest request, CompletableFuture<Prediction> future) {}

  /**
   * @param model the model to run (not owned)
   * @param options batching settings
   * @param listener receiver of queue and request figures
   */
  public MicroBatcher(MtlModel model, BatcherOptions options, InferenceListener listener) {
    this.model = model;
    this.options = options;
    this.listener = listener;
    this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
    for (int i = 0; i < options.workers(); i++) {
      Thread worker = new Thread(this::work, "mtl-batcher-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
  }

  /**
   * Tokenizes the input on this thread and queues it.
   *
   * @param input a text or a pair
   * @param tasks task names, or empty for the default
   * @return the prediction's future; cancel it to drop the request
   * @throws InvalidRequestException for unknown or mismatched tasks
   * @throws QueueFullException when the queue is full
   * @throws IllegalStateException when the batcher is closed
   */
  public CompletableFuture<Prediction> submit(ModelInput input, Collection<String> tasks) {
    return submit(input, tasks, false);
  }

  /**
   * Tokenizes the input on this thread and queues it, optionally keeping its tasks' raw logits in
   * the prediction ({@link Prediction#logits()}).
   *
   * @param input a text or a pair
   * @param tasks task names, or empty for the default
   * @param keepLogits whether the prediction carries its tasks' raw logits
   * @return the prediction's future; cancel it to drop the request
   * @throws InvalidRequestException for unknown or mismatched tasks
   * @throws QueueFullException when the queue is full
   * @throws IllegalStateException when the batcher is closed
   */
  public CompletableFuture<Prediction> submit(
      ModelInput input, Collection<String> tasks, boolean keepLogits) {
    if (!running) {
      throw new IllegalStateException("micro-batcher is closed");
    }
    TokenizedRequest request = model.tokenize(input, tasks, keepLogits);
    long now = System.nanoTime();
    CompletableFuture<Prediction> future = new CompletableFuture<>();
    Pending pending = new Pending(request, future);
    if (!queue.offer(pending)) {
      listener.rejected();
      throw new QueueFullException(options.queueCapacity());
    }
    listener.queueDepth(queue.size());
    future.orTimeout(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    future.whenComplete((p, e) -> listener.requestDone(System.nanoTime() - now, outcome(e)));
    return future;
  }

  /**
   * Submits and waits.
   *
   * @param input a text or a pair
   * @param tasks task names, or empty for the default
   * @return the prediction
   * @throws TimeoutException when the request timed out
   * @throws InterruptedException when the waiting thread was interrupted (the request is cancelled)
   */
  public Prediction predict(ModelInput input, Collection<String> tasks)
      throws TimeoutException, InterruptedException {
    CompletableFuture<Prediction> future = submit(input, tasks);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(false);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException t) {
        throw t;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static String outcome(Throwable e) {
    if (e == null) {
      return "ok";
    }
    if (e instanceof TimeoutException) {
      return "timeout";
    }
    return e instanceof CancellationException ? "cancelled" : "error";
  }

  private void work() {
    List<Pending> batch = new ArrayList<>(options.maxBatchSize());
    while (running) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        long deadline = System.nanoTime() + options.maxDelay().toNanos();
        while (batch.size() < options.maxBatchSize()) {
          long remaining = deadline - System.nanoTime();
          Pending next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        listener.queueDepth(queue.size());
        runGrouped(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void runGrouped(List<Pending> batch) {
    batch.removeIf(p -> p.future().isDone());
    batch.sort(Comparator.comparingInt(p -> p.request().length()));
    int start = 0;
    while (start < batch.size()) {
      int shortest = batch.get(start).request().length();
      int end = start + 1;
      while (end < batch.size()
          && batch.get(end).request().length() <= shortest * LENGTH_RATIO + LENGTH_SLACK) {
        end++;
      }
      runGroup(batch.subList(start, end));
      start = end;
    }
  }

  /**
   * Runs one group. Should every request of the group time out or be cancelled while the run is in
   * flight, the run is told to terminate so that it stops using the cores.
   */
  private void runGroup(List<Pending> group) {
    List<TokenizedRequest> requests = new ArrayList<>(group.size());
    for (Pending p : group) {
      requests.add(p.request());
    }
    try (Termination termination = new Termination()) {
      AtomicInteger waiting = new AtomicInteger(group.size());
      for (Pending p : group) {
        p.future()
            .whenComplete(
                (r, e) -> {
                  if (e != null && waiting.decrementAndGet() == 0) {
                    termination.terminate();
                  }
                });
      }
      List<Prediction> results = model.run(requests, termination.runOptions);
      for (int i = 0; i < group.size(); i++) {
        group.get(i).future().complete(results.get(i));
      }
    } catch (OrtException | RuntimeException e) {
      group.forEach(p -> p.future().completeExceptionally(e));
    }
  }

  /** Run options that another thread may terminate until they are closed, never after. */
  private static final class Termination implements AutoCloseable {
    private final OrtSession.RunOptions runOptions;
    private boolean closed;

    Termination() throws OrtException {
      runOptions = new OrtSession.RunOptions();
    }

    synchronized void terminate() {
      if (closed) {
        return;
      }
      try {
        runOptions.setTerminate(true);
      } catch (OrtException e) {
        throw new IllegalStateException("cannot terminate an ONNX Runtime run", e);
      }
    }

    @Override
    public synchronized void close() {
      closed = true;
      runOptions.close();
    }
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    for (Thread worker : workers) {
      worker.interrupt();
    }
    for (Thread worker : workers) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(
        p -> p.future().completeExceptionally(new IllegalStateException("micro-batcher closed")));
  }
}
