package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;
import org.mtl4j.testing.TinyModel;

/**
 * 32 threads each send 500 mixed requests (texts of many lengths, pairs, task subsets, long texts
 * that need windows) to one model, directly and through the micro-batcher; no call fails and every
 * result equals the same request run alone.
 */
class ConcurrencyTest {

  private static final int THREADS = 32;
  private static final int REQUESTS = 500;

  @TempDir static Path dir;
  static MtlModel model;
  static List<Request> requests;
  static List<Prediction> alone;

  record Request(ModelInput input, List<String> tasks) {}

  @BeforeAll
  static void setUp() {
    TinyModel tiny = new TinyModel(21, FixtureTasks.ALL, MiniLmModel.VOCAB, true);
    model = MtlModel.load(tiny.writePackage(dir.resolve("tiny"), 32), ParityTest.threads(1));
    requests = mixedRequests(new Random(5));
    alone = new ArrayList<>();
    for (Request r : requests) {
      alone.add(model.predict(r.input(), r.tasks()));
    }
  }

  @AfterAll
  static void tearDown() {
    model.close();
  }

  static List<Request> mixedRequests(Random random) {
    String[] words = {
      "Anna",
      "flew",
      "to",
      "Oslo",
      "with",
      "Bob",
      "yesterday",
      "and",
      "booked",
      "a",
      "hotel",
      "in",
      "Rome",
      "for",
      "three",
      "nights",
      "\u00E9t\u00E9",
      "\uD83D\uDE00"
    };
    List<Request> out = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      int length = i % 8 == 0 ? 60 + random.nextInt(40) : 1 + random.nextInt(20);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < length; w++) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      String t = text.toString().trim();
      switch (i % 4) {
        case 0 -> out.add(new Request(ModelInput.of(t), List.of()));
        case 1 -> out.add(new Request(ModelInput.of(t), List.of("slots")));
        case 2 -> out.add(new Request(ModelInput.of(t), List.of("intent", "topics")));
        default ->
            out.add(
                new Request(ModelInput.pair(t, words[random.nextInt(words.length)]), List.of()));
      }
    }
    return out;
  }

  @Test
  void directCallsFromManyThreads() throws Exception {
    hammer(r -> model.predict(r.input(), r.tasks()));
  }

  @Test
  void microBatchedCallsFromManyThreads() throws Exception {
    BatcherOptions options =
        new BatcherOptions(16, Duration.ofMillis(1), 4096, Duration.ofMinutes(2), 2);
    try (MicroBatcher batcher = new MicroBatcher(model, options, InferenceListener.NONE)) {
      hammer(r -> batcher.predict(r.input(), r.tasks()));
    }
  }

  interface Call {
    Prediction run(Request r) throws Exception;
  }

  private static void hammer(Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger checked = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(t);
        futures.add(
            pool.submit(
                () -> {
                  List<Integer> order = new ArrayList<>();
                  for (int i = 0; i < REQUESTS; i++) {
                    order.add(random.nextInt(requests.size()));
                  }
                  Collections.shuffle(order, random);
                  for (int index : order) {
                    PredictionAssert.assertSame(call.run(requests.get(index)), alone.get(index));
                    checked.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(checked.get()).isEqualTo(THREADS * REQUESTS);
  }
}
