package org.mtl4j.bench.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mtl4j.runtime.ModelInput;

/**
 * The dev split texts of a package's tasks.
 *
 * @param taskFile the task file they come from
 * @param texts task name to its dev inputs in file order (texts, or pairs for pair tasks), for the
 *     package's tasks that have dev data, in the manifest's task order
 */
public record DevSplit(Path taskFile, Map<String, List<ModelInput>> texts) {

  /** Copies, keeping the task order. */
  public DevSplit {
    Objects.requireNonNull(taskFile, "taskFile");
    Map<String, List<ModelInput>> copy = new LinkedHashMap<>();
    texts.forEach((task, inputs) -> copy.put(task, List.copyOf(inputs)));
    texts = Collections.unmodifiableMap(copy);
  }
}
