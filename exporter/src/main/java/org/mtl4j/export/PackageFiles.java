package org.mtl4j.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.PackageWriter;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.weights.FloatTensor;

/** The parts of a model package the exporter reads, and writing a package with references. */
public final class PackageFiles {

  private PackageFiles() {}

  /**
   * @param pkg an opened package
   * @return its tokenizer.json text
   */
  public static String tokenizerJson(ModelPackage pkg) {
    try {
      return Files.readString(pkg.tokenizerFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read the tokenizer " + pkg.tokenizerFile() + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param pkg an opened package
   * @return its reference outputs
   * @throws ModelFormatException when the package has none
   */
  public static ReferenceSet reference(ModelPackage pkg) {
    return ReferenceSet.read(pkg.file(ModelPackage.REFERENCE));
  }

  /**
   * Writes a package: the reference set first, then weights, tokenizer and the sealed manifest.
   *
   * @param dir the package folder
   * @param manifest the manifest (its {@code files} are replaced by checksums)
   * @param tokenizerJson the tokenizer.json text
   * @param weights encoder and heads
   * @param reference the reference outputs
   * @return the opened package
   */
  public static ModelPackage write(
      Path dir, Manifest manifest, String tokenizerJson, Map<String, FloatTensor> weights,
      ReferenceSet reference) {
    reference.write(dir.resolve(ModelPackage.REFERENCE));
    return PackageWriter.write(dir, manifest, weights, tokenizerJson);
  }
}
