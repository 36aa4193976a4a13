package org.mtl4j.zoo.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.safetensors.SafeTensorsWriter;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * A model package folder ({@code mtl.json}, {@code tokenizer.json}, {@code weights.safetensors},
 * {@code reference/}), opened with its manifest read and its checksums verified.
 *
 * @param dir the folder
 * @param manifest its manifest
 */
public record ModelPackage(Path dir, Manifest manifest) {

  /** The weights file: the encoder under HuggingFace names, heads under {@code heads.<task>.}. */
  public static final String WEIGHTS = "weights.safetensors";

  /** The prefix of head parameters in {@link #WEIGHTS}. */
  public static final String HEADS_PREFIX = "heads.";

  /**
   * Opens a package and verifies every checksum its manifest lists.
   *
   * @param dir the package folder
   * @return the package
   * @throws ModelFormatException naming the file when the manifest is missing or invalid, or a
   *     file is missing or does not match its checksum
   */
  public static ModelPackage open(Path dir) {
    Path file = dir.resolve(Manifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(dir + " is not a model package: " + Manifest.FILE_NAME + " is missing");
    }
    Manifest manifest;
    try {
      manifest = ManifestJson.fromJson(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ModelFormatException("cannot read " + file + ": " + e.getMessage(), e);
    }
    manifest.files().forEach((name, expected) -> {
      String actual = sha256(dir.resolve(name));
      if (!actual.equals(expected)) {
        throw new ModelFormatException(
            dir.resolve(name) + " does not match the checksum in " + file + " (sha256 " + actual
                + ", manifest " + expected + "); the package was changed after it was written");
      }
    });
    return new ModelPackage(dir, manifest);
  }

  /**
   * Writes a package: tokenizer, weights and references, then the manifest with their checksums
   * (each file atomically; the manifest last, so a package with a manifest is complete).
   *
   * @param dir the folder, created when missing
   * @param manifest the manifest; its {@code files} are replaced by the written files' checksums
   * @param tokenizerJson the tokenizer.json text
   * @param weights encoder and head tensors
   * @param reference the reference outputs
   * @return the package as written
   */
  public static ModelPackage write(
      Path dir,
      Manifest manifest,
      String tokenizerJson,
      Map<String, FloatTensor> weights,
      ReferenceSet reference) {
    AtomicFiles.writeString(dir.resolve(manifest.tokenizer().file()), tokenizerJson);
    SafeTensorsWriter.write(dir.resolve(WEIGHTS), weights);
    reference.write(dir.resolve(ReferenceSet.DIR_NAME));
    Map<String, String> files = new TreeMap<>();
    for (String name : new String[] {
          manifest.tokenizer().file(),
          WEIGHTS,
          ReferenceSet.DIR_NAME + "/" + ReferenceSet.INDEX_FILE,
          ReferenceSet.DIR_NAME + "/" + ReferenceSet.OUTPUTS_FILE}) {
      files.put(name, sha256(dir.resolve(name)));
    }
    Manifest written = manifest.withFiles(files);
    AtomicFiles.writeString(dir.resolve(Manifest.FILE_NAME), ManifestJson.toJson(written));
    return new ModelPackage(dir, written);
  }

  /**
   * @return the encoder's hyper-parameters from the manifest
   */
  public EncoderConfig encoderConfig() {
    return HfConfigJson.fromJson(manifest.encoder().config(), dir.resolve(Manifest.FILE_NAME) + " encoder.config");
  }

  /**
   * @return the tokenizer.json text
   */
  public String tokenizerJson() {
    Path file = dir.resolve(manifest.tokenizer().file());
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read the tokenizer " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * @return every tensor of {@link #WEIGHTS}, encoder and heads, in file order
   */
  public Map<String, FloatTensor> weights() {
    try (SafeTensorsReader reader = SafeTensorsReader.open(dir.resolve(WEIGHTS))) {
      return new LinkedHashMap<>(reader.readAll());
    }
  }

  /**
   * @return the reference outputs
   * @throws ModelFormatException when the package has none
   */
  public ReferenceSet reference() {
    return ReferenceSet.read(dir.resolve(ReferenceSet.DIR_NAME));
  }

  /**
   * @param file a file
   * @return its SHA-256 as lower-case hex
   * @throws ModelFormatException when the file is missing
   */
  public static String sha256(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(file + " is missing");
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
