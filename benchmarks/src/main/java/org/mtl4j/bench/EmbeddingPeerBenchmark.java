package org.mtl4j.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code predict} of the MiniLM package (intent, topics, slots) against the JVM peer, langchain4j's
 * {@code AllMiniLmL6V2EmbeddingModel} (the same encoder on ONNX Runtime, mean pooling, its own
 * tokenizer), on the same texts: the built-in sentences, one per call, in turn. Both run with one
 * intra-op thread per core, the peer's default; the set-up is {@link EmbeddingPeer}'s, which
 * alternates the two calls in one run for a paired ratio.
 *
 * <p>Compare the p0.50 figures of {@code predict} and {@code embed}. Run (build first: {@code mvn
 * -B -o -DskipTests package -pl benchmarks -am}): {@code benchmarks/jmh EmbeddingPeerBenchmark},
 * e.g. {@code -f 1 -wi 2 -i 3 -w 2s -r 2s} for a short run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true"})
public class EmbeddingPeerBenchmark {

  private MtlModel model;
  private AllMiniLmL6V2EmbeddingModel peer;
  private List<String> texts;
  private int next;

  /** Writes and loads the package and the peer. */
  @Setup
  public void setUp() {
    model = BenchModels.load(BenchModels.miniLmPackage(), EmbeddingPeer.THREADS);
    peer = EmbeddingPeer.peer();
    texts = EmbeddingPeer.workload().batches().stream().map(batch -> batch.get(0).text()).toList();
    BenchModels.warmJavaPaths(texts, LatencyBenchmark.WARM_CALLS);
  }

  /** Closes the model (the peer keeps its static session). */
  @TearDown
  public void tearDown() {
    model.close();
  }

  private String nextText() {
    next = (next + 1) % texts.size();
    return texts.get(next);
  }

  /** Text in, typed results for intent, topics and slots out. */
  @Benchmark
  public Prediction predict() {
    return model.predict(nextText());
  }

  /** Text in, the peer's pooled embedding out. */
  @Benchmark
  public Embedding embed() {
    return peer.embed(nextText()).content();
  }
}
