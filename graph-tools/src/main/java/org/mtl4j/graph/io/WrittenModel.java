package org.mtl4j.graph.io;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The files a file write produced.
 *
 * @param file the model file
 * @param externalData the external-data file, when weights went to one (asked for, or because the
 *     model would pass protobuf's 2 GiB limit)
 */
public record WrittenModel(Path file, Optional<Path> externalData) {

  /** Checks both are present. */
  public WrittenModel {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(externalData, "externalData");
  }
}
