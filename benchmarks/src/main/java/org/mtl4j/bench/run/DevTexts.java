package org.mtl4j.bench.run;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the dev split texts of the task file a model package was trained from: {@code mtl bench}'s
 * default workload. The benchmarks module cannot read task files itself (they belong to the
 * training code), so the {@code mtl} command line supplies the reader.
 */
@FunctionalInterface
public interface DevTexts {

  /** For {@code bench} run outside the {@code mtl} command line: no task file can be read. */
  DevTexts UNAVAILABLE =
      dir -> {
        throw new UnsupportedOperationException(
            "task files are read by the mtl command line; run mtl bench to use them");
      };

  /**
   * @param packageDir a model package directory
   * @return the dev texts of the package's tasks, or empty when the package records no task file
   * @throws RuntimeException with a message saying why, when the package, its task file or the dev
   *     data cannot be read
   */
  Optional<DevSplit> read(Path packageDir);
}
