package org.mtl4j.export;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished export.
 *
 * @param model the written ONNX file
 * @param files every file written (the model, and its external data when there is some)
 * @param outputs the graph's output names
 * @param report the parity gate's report (passed)
 */
public record ExportResult(Path model, List<Path> files, List<String> outputs, GateReport report) {

  /** Freezes the lists. */
  public ExportResult {
    files = List.copyOf(files);
    outputs = List.copyOf(outputs);
  }
}
