package org.mtl4j.bench;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.mtl4j.bench.run.AlternatingRunner;
import org.mtl4j.bench.run.BenchCall;
import org.mtl4j.bench.run.ModelUnderTest;
import org.mtl4j.bench.run.RunLimits;
import org.mtl4j.bench.run.Samples;
import org.mtl4j.bench.run.Workload;
import org.mtl4j.bench.run.Workloads;
import org.mtl4j.bench.stats.Bootstrap;
import org.mtl4j.bench.stats.LatencySummary;
import org.mtl4j.runtime.RuntimeOptions;

/**
 * {@code predict} of a MiniLM model against the JVM peer, langchain4j's {@code
 * AllMiniLmL6V2EmbeddingModel} (the same encoder on ONNX Runtime, mean pooling, its own tokenizer),
 * alternated call by call on the built-in sentences in one JVM. langchain4j's session uses ONNX
 * Runtime's default threads (one per core), so {@code predict} runs with the same count. Its JMH
 * form, with the same set-up, is {@link EmbeddingPeerBenchmark}. Prints both summaries and the
 * paired ratio predict / embed with its 95 % bootstrap interval.
 *
 * <p>Run: {@code java -cp benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)
 * org.mtl4j.bench.EmbeddingPeer MODEL [seconds 30]}.
 */
public final class EmbeddingPeer {

  /**
   * The peer's intra-op threads: its session uses ONNX Runtime's default, one per core; {@code
   * predict} runs with the same count.
   */
  static final int THREADS = Runtime.getRuntime().availableProcessors();

  private EmbeddingPeer() {}

  /**
   * @return the texts both run: the built-in sentences, one per call
   */
  static Workload workload() {
    return Workloads.builtIn(1);
  }

  /**
   * @return the peer: langchain4j's MiniLM embedding model, loaded from its jar
   */
  static AllMiniLmL6V2EmbeddingModel peer() {
    return new AllMiniLmL6V2EmbeddingModel();
  }

  /** The peer's {@code embed(text)} on the workload's texts. */
  private static final class EmbedCall implements BenchCall {
    private final AllMiniLmL6V2EmbeddingModel peer = peer();
    private final Workload workload;

    EmbedCall(Workload workload) {
      this.workload = workload;
    }

    @Override
    public String name() {
      return "langchain4j AllMiniLmL6V2EmbeddingModel.embed";
    }

    @Override
    public void call(int item) {
      peer.embed(workload.batches().get(item).get(0).text());
    }

    @Override
    public void close() {
      // the peer owns a static session it never releases
    }
  }

  /**
   * @param args MODEL [seconds]
   * @throws Exception when a model cannot load or a call fails
   */
  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Workload workload = workload();
    RuntimeOptions options =
        RuntimeOptions.builder().optIntraOpThreads(THREADS).optSpinning(false).build();
    ModelUnderTest m = ModelUnderTest.load(model, options, List.of(), false);
    try (BenchCall predict = m.predictCall("predict " + model.getFileName(), workload);
        BenchCall embed = new EmbedCall(workload)) {
      List<Samples> s =
          AlternatingRunner.run(
              List.of(predict, embed), workload, new RunLimits(50, 0, Duration.ofSeconds(seconds)));
      for (Samples x : s) {
        LatencySummary l = LatencySummary.of(x.wall());
        System.out.printf(
            Locale.ROOT,
            "%s: %d calls, p50 %.3f ms, p99 %.3f ms%n",
            x.name(),
            l.count(),
            l.p50() / 1e6,
            l.p99() / 1e6);
      }
      System.out.printf(
          Locale.ROOT,
          "paired ratio predict / embed (wall, %d threads): %s%n",
          THREADS,
          new Bootstrap(Bootstrap.DEFAULT_RESAMPLES, 1)
              .pairedRatio(s.get(0).wall(), s.get(1).wall())
              .format());
    } finally {
      m.model().close();
    }
  }
}
