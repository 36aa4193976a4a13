package org.mtl4j.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;

/**
 * Where a model comes from: a package directory ({@code mtl.json}, {@code tokenizer.json},
 * {@code model.onnx}) or a single exported {@code .onnx} carrying both in its metadata.
 *
 * @param onnx the ONNX file
 * @param manifest the manifest from {@code mtl.json}, when the source is a package directory
 * @param tokenizerJson tokenizer.json text from the package directory, when present
 */
record ModelSource(Path onnx, Optional<Manifest> manifest, Optional<String> tokenizerJson) {

  /**
   * Resolves a path given by a user.
   *
   * @param path a package directory or an {@code .onnx} file
   * @return the source; a package is opened with {@link ModelPackage#open}, which verifies the
   *     checksums its manifest records
   * @throws ModelLoadException when files are missing or unreadable, the manifest is invalid or
   *     a checksum differs
   */
  static ModelSource resolve(Path path) {
    if (Files.isRegularFile(path)) {
      return new ModelSource(path, Optional.empty(), Optional.empty());
    }
    if (!Files.isDirectory(path)) {
      throw new ModelLoadException(path + " does not exist (expected a package directory or .onnx)");
    }
    Path onnx = path.resolve(ModelPackage.MODEL_ONNX);
    if (!Files.isRegularFile(onnx)) {
      throw new ModelLoadException(
          "package " + path + " has no " + ModelPackage.MODEL_ONNX + "; export it first (mtl export)");
    }
    if (!Files.isRegularFile(path.resolve(Manifest.FILE_NAME))) {
      return new ModelSource(onnx, Optional.empty(), Optional.empty());
    }
    ModelPackage pkg;
    try {
      pkg = ModelPackage.open(path);
    } catch (ModelFormatException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
    Path tokenizer = path.resolve(pkg.manifest().tokenizer().file());
    Optional<String> tokenizerJson = Optional.empty();
    if (Files.isRegularFile(tokenizer)) {
      try {
        tokenizerJson = Optional.of(Files.readString(tokenizer, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ModelLoadException("cannot read " + tokenizer + ": " + e.getMessage(), e);
      }
    }
    return new ModelSource(onnx, Optional.of(pkg.manifest()), tokenizerJson);
  }
}
