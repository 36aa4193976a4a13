package org.mtl4j.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ManifestJson;

/**
 * Where a model comes from: a package directory ({@code mtl.json}, {@code tokenizer.json},
 * {@code model.onnx}) or a single exported {@code .onnx} carrying both in its metadata.
 *
 * @param onnx the ONNX file
 * @param manifest the manifest from {@code mtl.json}, when the source is a package directory
 * @param tokenizerJson tokenizer.json text from the package directory, when present
 */
record ModelSource(Path onnx, Optional<Manifest> manifest, Optional<String> tokenizerJson) {

  /** The ONNX file name inside a package directory. */
  static final String MODEL_FILE = "model.onnx";

  /**
   * Resolves a path given by a user.
   *
   * @param path a package directory or an {@code .onnx} file
   * @return the source, with the package's manifest read and its checksums verified
   * @throws ModelLoadException when files are missing, unreadable or fail their checksum
   */
  static ModelSource resolve(Path path) {
    if (Files.isRegularFile(path)) {
      return new ModelSource(path, Optional.empty(), Optional.empty());
    }
    if (!Files.isDirectory(path)) {
      throw new ModelLoadException(path + " does not exist (expected a package directory or .onnx)");
    }
    Path onnx = path.resolve(MODEL_FILE);
    if (!Files.isRegularFile(onnx)) {
      throw new ModelLoadException(
          "package " + path + " has no " + MODEL_FILE + "; export it first (mtl export)");
    }
    Path manifestFile = path.resolve(Manifest.FILE_NAME);
    if (!Files.isRegularFile(manifestFile)) {
      return new ModelSource(onnx, Optional.empty(), Optional.empty());
    }
    Manifest manifest = ManifestJson.fromJson(read(manifestFile), manifestFile.toString());
    verifyChecksums(path, manifest.files());
    Path tokenizer = path.resolve(manifest.tokenizer().file());
    Optional<String> tokenizerJson =
        Files.isRegularFile(tokenizer) ? Optional.of(read(tokenizer)) : Optional.empty();
    return new ModelSource(onnx, Optional.of(manifest), tokenizerJson);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void verifyChecksums(Path dir, Map<String, String> files) {
    for (Map.Entry<String, String> entry : files.entrySet()) {
      Path file = dir.resolve(entry.getKey());
      if (!Files.isRegularFile(file)) {
        continue; // packages may be deployed without training-only files (weights, reference/)
      }
      String actual = sha256(file);
      if (!actual.equalsIgnoreCase(entry.getValue())) {
        throw new ModelLoadException(
            file + " does not match its checksum in " + Manifest.FILE_NAME + " (expected sha256 "
                + entry.getValue() + ", found " + actual + ")");
      }
    }
  }

  private static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // digesting
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
