package org.mtl4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mtl4j.runtime.BatcherOptions;
import org.mtl4j.runtime.InferenceListener;
import org.mtl4j.runtime.MicroBatcher;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.testing.FixtureTasks;
import org.mtl4j.testing.MiniLmModel;

/**
 * Rows per second of {@link MtlTransformer} at {@code local[2]} against the runtime's {@link
 * MicroBatcher} in the same JVM, on the SNIPS test texts with all-MiniLM-L6-v2 and seeded heads
 * for intent, topics and slots. The two alternate round by round so that both see the same
 * machine load. Arguments: {@code [rounds] [copies of the 700 texts per round] [batch size]}.
 * Started by {@code integrations/spark/throughput}.
 */
public final class SparkThroughput {

  private SparkThroughput() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int copies = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      texts.addAll(SnipsTexts.load());
    }
    Path pkg = new MiniLmModel(42, FixtureTasks.SINGLE)
        .writePackage(Files.createTempDirectory("mtl4j-spark-bench").resolve("minilm"), 256);
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    int cores = Runtime.getRuntime().availableProcessors();
    try (MtlModel model = MtlModel.load(pkg, RuntimeOptions.builder().optIntraOpThreads(cores).build());
        MicroBatcher batcher = new MicroBatcher(model,
            new BatcherOptions(batchSize, Duration.ofMillis(2), texts.size(), Duration.ofMinutes(10), 1),
            InferenceListener.NONE)) {
      Dataset<Row> frame = spark.createDataset(texts, Encoders.STRING()).toDF("text").repartition(2).cache();
      frame.count();
      MtlTransformer transformer = new MtlTransformer().setModelPath(pkg.toString()).setBatchSize(batchSize);
      System.out.printf("%d texts per round (%d copies of the SNIPS test split), batch size %d, %d cores%n",
          texts.size(), copies, batchSize, cores);
      System.out.println("warm-up: " + sparkRowsPerSecond(transformer, frame, texts.size()) + " / "
          + batcherRowsPerSecond(batcher, texts));
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        double sparkRate = sparkRowsPerSecond(transformer, frame, texts.size());
        double batcherRate = batcherRowsPerSecond(batcher, texts);
        ratios[r] = sparkRate / batcherRate;
        System.out.printf("round %d: spark local[2] %.1f rows/s, micro-batcher %.1f rows/s, ratio %.3f%n",
            r + 1, sparkRate, batcherRate, ratios[r]);
      }
      Arrays.sort(ratios);
      System.out.printf("median ratio spark / micro-batcher: %.3f (min %.3f, max %.3f)%n",
          ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
    } finally {
      spark.stop();
    }
  }

  /** Scores the frame and discards the result (Spark's {@code noop} sink evaluates every column). */
  private static double sparkRowsPerSecond(MtlTransformer transformer, Dataset<Row> frame, int rows) {
    long start = System.nanoTime();
    transformer.transform(frame).write().format("noop").mode("overwrite").save();
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  /** Submits every text at once and waits for all predictions. */
  private static double batcherRowsPerSecond(MicroBatcher batcher, List<String> texts) {
    long start = System.nanoTime();
    List<CompletableFuture<Prediction>> futures = new ArrayList<>(texts.size());
    for (String text : texts) {
      futures.add(batcher.submit(ModelInput.of(text), List.of()));
    }
    futures.forEach(CompletableFuture::join);
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }
}
