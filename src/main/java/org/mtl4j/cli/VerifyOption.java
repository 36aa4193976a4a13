package org.mtl4j.cli;

import java.nio.file.Path;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.pkg.ModelPackage;
import picocli.CommandLine.Option;

/**
 * The {@code --no-verify} option of the commands that load a package: skips the SHA-256 checks of
 * its files (for huge files), and opens the package accordingly.
 */
final class VerifyOption {

  @Option(
      names = "--no-verify",
      description =
          "do not check the package's files against the SHA-256s in mtl.json (for huge files)")
  boolean skip;

  /**
   * @return whether checksums are checked
   */
  boolean verify() {
    return !skip;
  }

  /**
   * @param dir the PKG argument
   * @return the opened package, verified unless {@code --no-verify}
   * @throws UsageException naming the folder and the problem
   */
  ModelPackage open(Path dir) {
    try {
      return skip ? ModelPackage.openWithoutVerifying(dir) : ModelPackage.open(dir);
    } catch (ModelFormatException e) {
      throw new UsageException("cannot open the model package: " + e.getMessage(), e);
    }
  }
}
