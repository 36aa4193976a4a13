package org.mtl4j.cli;

import java.nio.file.Path;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.pkg.ModelPackage;

/** Opens the PKG argument of the export commands, turning a bad package into a usage error. */
final class PackageArgs {

  private PackageArgs() {}

  /**
   * @param dir the PKG argument
   * @return the opened package
   * @throws UsageException naming the folder and the problem
   */
  static ModelPackage open(Path dir) {
    try {
      return ModelPackage.open(dir);
    } catch (ModelFormatException e) {
      throw new UsageException("cannot open the model package: " + e.getMessage(), e);
    }
  }
}
