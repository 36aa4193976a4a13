package org.mtl4j.bench.run;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several calls run one after the other as one measured call: K single-task models against one
 * K-task model. Owns its parts.
 */
public final class SequenceCall implements BenchCall {

  private final List<BenchCall> parts;

  /**
   * @param parts the calls, in order
   */
  public SequenceCall(List<BenchCall> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public String name() {
    return parts.stream().map(BenchCall::name).collect(Collectors.joining(" + "));
  }

  @Override
  public void call(int item) throws Exception {
    for (BenchCall part : parts) {
      part.call(item);
    }
  }

  @Override
  public void close() {
    parts.forEach(BenchCall::close);
  }
}
