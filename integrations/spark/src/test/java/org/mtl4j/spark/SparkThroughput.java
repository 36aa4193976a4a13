package org.mtl4j.spark;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
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
 * MicroBatcher} in the same JVM, on the SNIPS test texts with all-MiniLM-L6-v2 and seeded heads for
 * intent, topics and slots. The two alternate round by round so that both see the same machine
 * load. Each round also reports the process's CPU time per row, a figure less sensitive to other
 * load on the machine. Arguments: {@code [rounds] [copies of the 700 texts per round] [batch size]
 * [partitions]}. Started by {@code integrations/spark/throughput}.
 */
public final class SparkThroughput {

  private SparkThroughput() {}

  /**
   * @param args {@code [rounds] [copies] [batch size] [partitions]}
   * @throws Exception when the model cannot be written
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int copies = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      texts.addAll(SnipsTexts.load());
    }
    Path pkg =
        new MiniLmModel(42, FixtureTasks.SINGLE)
            .writePackage(Files.createTempDirectory("mtl4j-spark-bench").resolve("minilm"), 256);
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    int cores = Runtime.getRuntime().availableProcessors();
    try (MtlModel model =
            MtlModel.load(pkg, RuntimeOptions.builder().optIntraOpThreads(cores).build());
        MicroBatcher batcher =
            new MicroBatcher(
                model,
                new BatcherOptions(
                    batchSize, Duration.ofMillis(2), texts.size(), Duration.ofMinutes(10), 1),
                InferenceListener.NONE)) {
      Dataset<Row> frame =
          spark
              .createDataset(texts, Encoders.STRING())
              .toDF("text")
              .repartition(partitions)
              .cache();
      frame.count();
      MtlTransformer transformer =
          new MtlTransformer().setModelPath(pkg.toString()).setBatchSize(batchSize);
      System.out.printf(
          "%d texts per round (%d copies of the SNIPS test split), batch size %d, %d partitions, %d cores%n",
          texts.size(), copies, batchSize, partitions, cores);
      Measured warmSpark = measure(() -> score(transformer, frame), texts.size());
      Measured warmBatcher = measure(() -> score(batcher, texts), texts.size());
      System.out.printf(
          "warm-up: spark %.1f rows/s, micro-batcher %.1f rows/s%n",
          warmSpark.rowsPerSecond(), warmBatcher.rowsPerSecond());
      double[] ratios = new double[rounds];
      double[] cpuRatios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        Measured sparkRound = measure(() -> score(transformer, frame), texts.size());
        Measured batcherRound = measure(() -> score(batcher, texts), texts.size());
        ratios[r] = sparkRound.rowsPerSecond() / batcherRound.rowsPerSecond();
        cpuRatios[r] = batcherRound.cpuMillisPerRow() / sparkRound.cpuMillisPerRow();
        System.out.printf(
            "round %d: spark local[2] %.1f rows/s (%.2f CPU ms/row), micro-batcher %.1f rows/s (%.2f CPU ms/row),"
                + " throughput ratio %.3f, CPU-efficiency ratio %.3f%n",
            r + 1,
            sparkRound.rowsPerSecond(),
            sparkRound.cpuMillisPerRow(),
            batcherRound.rowsPerSecond(),
            batcherRound.cpuMillisPerRow(),
            ratios[r],
            cpuRatios[r]);
      }
      Arrays.sort(ratios);
      Arrays.sort(cpuRatios);
      System.out.printf(
          "median throughput ratio spark / micro-batcher: %.3f (min %.3f, max %.3f)%n",
          ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
      System.out.printf(
          "median CPU-efficiency ratio (batcher CPU per row / spark CPU per row): %.3f (min %.3f, max %.3f)%n",
          cpuRatios[rounds / 2], cpuRatios[0], cpuRatios[rounds - 1]);
    } finally {
      spark.stop();
    }
  }

  /** Wall-clock rows per second and process CPU milliseconds per row of one round. */
  private record Measured(double rowsPerSecond, double cpuMillisPerRow) {}

  private static Measured measure(Runnable round, int rows) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    round.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Measured(rows / seconds, (os.getProcessCpuTime() - cpu) / 1e6 / rows);
  }

  /**
   * Scores the frame and discards the result (Spark's {@code noop} sink evaluates every column).
   */
  private static void score(MtlTransformer transformer, Dataset<Row> frame) {
    transformer.transform(frame).write().format("noop").mode("overwrite").save();
  }

  /** Submits every text at once and waits for all predictions. */
  private static void score(MicroBatcher batcher, List<String> texts) {
    List<CompletableFuture<Prediction>> futures = new ArrayList<>(texts.size());
    for (String text : texts) {
      futures.add(batcher.submit(ModelInput.of(text), List.of()));
    }
    futures.forEach(CompletableFuture::join);
  }
}
