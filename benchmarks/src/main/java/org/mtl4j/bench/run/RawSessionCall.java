package org.mtl4j.bench.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.runtime.RuntimeOptions;

/**
 * Raw session latency: the runtime's {@link InferenceSession} running the model's ONNX file on
 * batches tokenized and packed before the measurement (by the model's own tokenizer and batch
 * packer), computing the selected tasks' outputs. What {@code predict} costs beyond this is
 * tokenizing, packing and decoding. Owns its session.
 */
public final class RawSessionCall implements BenchCall {

  private final String name;
  private final InferenceSession session;
  private final List<PackedBatch> batches;
  private final Set<String> outputs;

  /**
   * @param name the report name
   * @param onnx the model's ONNX file
   * @param options the session's options (as the model's)
   * @param batches the workload's items, tokenized and packed beforehand
   * @param outputs the output names to compute
   */
  public RawSessionCall(
      String name,
      Path onnx,
      RuntimeOptions options,
      List<PackedBatch> batches,
      Set<String> outputs) {
    this.name = name;
    this.outputs = Set.copyOf(outputs);
    this.batches = List.copyOf(batches);
    this.session = InferenceSession.open(onnx, options);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void call(int item) {
    int got = session.run(batches.get(item), outputs, null).size();
    if (got != outputs.size()) {
      throw new IllegalStateException(
          name + " returned " + got + " outputs, expected " + outputs.size());
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
