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
 * Where a model comes from: a package directory ({@code mtl.json}, {@code tokenizer.json}, {@code
 * model.onnx}) or a single exported {@code .onnx} carrying both in its metadata.
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
   * @param verify whether to check checksums: a package's files and its {@code model.onnx}, or an
   *     {@code .onnx} file against the manifest of the package it lies in when that records it
   * @return the source
   * @throws ModelLoadException when files are missing or unreadable, the manifest is invalid or a
   *     checksum differs
   */
  static ModelSource resolve(Path path, boolean verify) {
    try {
      if (Files.isRegularFile(path)) {
        return single(path, verify);
      }
      if (!Files.isDirectory(path)) {
        throw new ModelLoadException(
            path + " does not exist (expected a package directory or .onnx)");
      }
      if (!Files.isRegularFile(path.resolve(ModelPackage.MODEL_ONNX))) {
        throw new ModelLoadException(
            "package "
                + path
                + " has no "
                + ModelPackage.MODEL_ONNX
                + "; export it first (mtl export)");
      }
      if (!Files.isRegularFile(path.resolve(Manifest.FILE_NAME))) {
        return new ModelSource(
            path.resolve(ModelPackage.MODEL_ONNX), Optional.empty(), Optional.empty());
      }
      ModelPackage pkg = verify ? ModelPackage.open(path) : ModelPackage.openWithoutVerifying(path);
      Path onnx = pkg.modelFile(ModelPackage.MODEL_ONNX);
      Path tokenizer = pkg.tokenizerFile();
      Optional<String> tokenizerJson = Optional.empty();
      if (Files.isRegularFile(tokenizer)) {
        try {
          tokenizerJson = Optional.of(Files.readString(tokenizer, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new ModelLoadException("cannot read " + tokenizer + ": " + e.getMessage(), e);
        }
      }
      return new ModelSource(onnx, Optional.of(pkg.manifest()), tokenizerJson);
    } catch (ModelFormatException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
  }

  /** A single .onnx file; checked when the package folder it lies in records its checksum. */
  private static ModelSource single(Path path, boolean verify) {
    Path dir = path.toAbsolutePath().getParent();
    if (verify && Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
      ModelPackage pkg = ModelPackage.openWithoutVerifying(dir);
      String name = path.getFileName().toString();
      if (pkg.manifest().modelFiles().containsKey(name)) {
        pkg.verifyModelFile(name);
      }
    }
    return new ModelSource(path, Optional.empty(), Optional.empty());
  }
}
