package org.mtl4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mtl4j.bench.run.Workloads;
import org.mtl4j.bench.stats.Medians;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.runtime.RuntimeOptions;
import org.mtl4j.runtime.TokenizedRequest;

/**
 * Where {@code predict}'s cost beyond the raw session run goes at batch 1: the calling thread's CPU
 * time of tokenizing one text right after an ONNX Runtime run (as every served request is), of
 * tokenizing it right after another tokenize (caches warm), of packing it, and of the run itself,
 * measured in turn in one process with one intra-op thread. The gap between the first two is what
 * the run's streaming of the weights through the caches costs the tokenizer.
 *
 * <p>Not a unit test. Command: {@code java -cp "$CP" org.mtl4j.bench.TokenizeAfterRun MODEL.onnx
 * [tokens, default 16] [rounds, default 2000]}
 */
public final class TokenizeAfterRun {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private TokenizeAfterRun() {}

  /**
   * @param args the model file, then optionally the text's tokens and the rounds
   */
  public static void main(String[] args) {
    Path onnx = Path.of(args[0]);
    int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    RuntimeOptions options = RuntimeOptions.builder().optIntraOpThreads(1).build();
    try (MtlModel model = MtlModel.load(onnx, options);
        InferenceSession session = InferenceSession.open(onnx, options)) {
      String text =
          Workloads.text(tokens, 1, t -> model.tokenize(ModelInput.of(t), List.of()).length());
      ModelInput input = ModelInput.of(text);
      TokenizedRequest request = model.tokenize(input, List.of());
      PackedBatch batch = model.pack(List.of(request));
      Set<String> outputs = new LinkedHashSet<>();
      request.tasks().forEach(t -> outputs.add(t.outputName()));
      long[] afterRun = new long[rounds];
      long[] warm = new long[rounds];
      long[] pack = new long[rounds];
      long[] run = new long[rounds];
      for (int i = -rounds / 10; i < rounds; i++) {
        long c0 = CPU.getCurrentThreadCpuTime();
        session.run(batch, outputs, null);
        long c1 = CPU.getCurrentThreadCpuTime();
        model.tokenize(input, List.of());
        long c2 = CPU.getCurrentThreadCpuTime();
        model.tokenize(input, List.of());
        long c3 = CPU.getCurrentThreadCpuTime();
        model.pack(List.of(request));
        long c4 = CPU.getCurrentThreadCpuTime();
        if (i >= 0) {
          run[i] = c1 - c0;
          afterRun[i] = c2 - c1;
          warm[i] = c3 - c2;
          pack[i] = c4 - c3;
        }
      }
      double runMedian = Medians.of(run);
      double afterRunMedian = Medians.of(afterRun);
      System.out.printf(
          Locale.ROOT,
          "%s, %d tokens, %d rounds, CPU time medians: session run %.1f us | tokenize right after"
              + " the run %.1f us (%.2f %% of the run) | tokenize again %.1f us | pack %.1f us%n",
          onnx.getFileName(),
          request.length(),
          rounds,
          runMedian / 1e3,
          afterRunMedian / 1e3,
          100 * afterRunMedian / runMedian,
          Medians.of(warm) / 1e3,
          Medians.of(pack) / 1e3);
    }
  }
}
