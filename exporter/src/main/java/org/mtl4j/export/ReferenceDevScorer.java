package org.mtl4j.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Scores graphs on the dev batches of a package's reference set (their gold labels), on ONNX
 * Runtime with the parity gate's session options.
 */
final class ReferenceDevScorer implements DevSplitScorer {

  private final List<ReferenceBatch> dev;
  private final Map<String, TaskSpec> tasks = new LinkedHashMap<>();

  ReferenceDevScorer(ReferenceSet reference, List<TaskSpec> tasks) {
    this.dev =
        reference == null
            ? List.of()
            : reference.batches().stream().filter(ReferenceBatch::isDev).toList();
    tasks.forEach(t -> this.tasks.put(t.name(), t));
  }

  @Override
  public String source() {
    return "the package's reference dev rows";
  }

  @Override
  public Map<String, Integer> rows() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String task : tasks.keySet()) {
      int rows = 0;
      for (ReferenceBatch b : dev) {
        if (b.gold().containsKey(task)) {
          rows += b.batchSize();
        }
      }
      out.put(task, rows);
    }
    return out;
  }

  @Override
  public Map<String, TaskScore> score(Path graph, List<String> names) {
    Map<String, List<FloatTensor>> logits = new LinkedHashMap<>();
    names.forEach(n -> logits.put(n, new ArrayList<>()));
    try (InferenceSession session = InferenceSession.open(graph, ParityGate.SESSION_OPTIONS)) {
      for (ReferenceBatch batch : dev) {
        Map<String, FloatTensor> out = session.run(ParityGate.inputs(batch));
        names.forEach(n -> logits.get(n).add(out.get(tasks.get(n).outputName())));
      }
    }
    Map<String, TaskScore> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, DevMetrics.score(tasks.get(n), dev, logits.get(n))));
    return out;
  }
}
