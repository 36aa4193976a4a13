package org.mtl4j.zoo.pkg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.io.Sha256;
import org.mtl4j.zoo.safetensors.SafeTensorsReader;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * A model package directory opened and verified: the manifest is read and every file it lists is
 * checked against its SHA-256. Files are written by the stages that make them (each atomically);
 * {@link #seal(Path, Manifest)} then records their checksums in the manifest, which is written
 * last, so a package whose manifest exists is complete. Model files written later ({@code
 * model.onnx}, optimized flavours) go in through {@link ModelFiles}, which records their checksums
 * too; {@link #modelFile(String)} checks one before it is loaded.
 *
 * <pre>{@code
 * ModelPackage pkg = ModelPackage.open(Path.of("out/pkg"));
 * EncoderConfig config = pkg.encoderConfig();
 * Map<String, FloatTensor> weights = pkg.readWeights();
 * }</pre>
 */
public final class ModelPackage {

  /** The weights file: encoder under HuggingFace names, heads under {@code heads.<task>.*}. */
  public static final String WEIGHTS = "weights.safetensors";

  /** The tokenizer file. */
  public static final String TOKENIZER = "tokenizer.json";

  /** The folder of reference inputs and outputs. */
  public static final String REFERENCE = "reference";

  /** The exported graph. */
  public static final String MODEL_ONNX = "model.onnx";

  private final Path dir;
  private final Manifest manifest;
  private final boolean verified;

  private ModelPackage(Path dir, Manifest manifest, boolean verified) {
    this.dir = dir;
    this.manifest = manifest;
    this.verified = verified;
  }

  /**
   * Opens a package and verifies the checksums of the files its manifest lists.
   *
   * @param dir the package directory
   * @return the package
   * @throws ModelFormatException naming the file when the manifest is missing or invalid, a listed
   *     file is missing or its checksum differs
   */
  public static ModelPackage open(Path dir) {
    ModelPackage pkg = openWithoutVerifying(dir);
    Path manifestFile = dir.resolve(Manifest.FILE_NAME);
    for (Map.Entry<String, String> e : pkg.manifest.files().entrySet()) {
      Path file = resolveInside(dir, e.getKey());
      if (!Files.isRegularFile(file)) {
        throw new ModelFormatException(
            file + " is listed in " + manifestFile + " but does not exist");
      }
      String actual = Sha256.of(file);
      if (!actual.equals(e.getValue())) {
        throw new ModelFormatException(
            file
                + ": sha256 "
                + actual
                + " differs from "
                + e.getValue()
                + " recorded in "
                + manifestFile
                + "; the file changed after the package was written");
      }
    }
    return new ModelPackage(dir, pkg.manifest, true);
  }

  /**
   * Opens a package without checking any checksum (for huge files whose hashing would cost more
   * than the user wants to wait: {@code --no-verify}); the manifest is still validated.
   *
   * @param dir the package directory
   * @return the package; {@link #modelFile(String)} does not check checksums either
   * @throws ModelFormatException naming the file when the manifest is missing or invalid
   */
  public static ModelPackage openWithoutVerifying(Path dir) {
    Path manifestFile = dir.resolve(Manifest.FILE_NAME);
    String json;
    try {
      json = Files.readString(manifestFile);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(
          dir + " is not a model package: it has no " + Manifest.FILE_NAME, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifestFile + ": " + e.getMessage(), e);
    }
    Manifest manifest;
    try {
      manifest = ManifestJson.fromJson(json, manifestFile.toString());
    } catch (ModelFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(e.getMessage(), e);
    }
    for (String name : manifest.files().keySet()) {
      resolveInside(dir, name);
    }
    for (String name : manifest.modelFiles().keySet()) {
      resolveInside(dir, name);
    }
    return new ModelPackage(dir, manifest, false);
  }

  /**
   * Records the SHA-256 of every file in the package (sub-folders included; the manifest and hidden
   * files and folders, such as temporary and staging ones, excluded) and writes the manifest
   * atomically. Temporary files that killed writers left ({@code .*.tmp}) are removed.
   *
   * @param dir the package directory, holding the files already
   * @param manifest the manifest to complete
   * @return the manifest as written, with {@code files} filled in
   */
  public static Manifest seal(Path dir, Manifest manifest) {
    return seal(dir, manifest, Set.of());
  }

  /**
   * Seals a package like {@link #seal(Path, Manifest)}, leaving out files that are about to be
   * removed (a run's checkpoints, which stay until the manifest is written).
   *
   * @param dir the package directory, holding the files already
   * @param manifest the manifest to complete
   * @param leaveOut file names relative to the package, with {@code /} between folders
   * @return the manifest as written
   */
  public static Manifest seal(Path dir, Manifest manifest, Set<String> leaveOut) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.filter(Files::isRegularFile).toList();
      for (Path p : all) {
        if (p.getFileName().toString().startsWith(".")
            && p.getFileName().toString().endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
      all.stream()
          .filter(p -> !hidden(dir.relativize(p)))
          .forEach(
              p -> {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(Manifest.FILE_NAME) && !leaveOut.contains(rel)) {
                  files.put(rel, Sha256.of(p));
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    Manifest sealed = manifest.withFiles(files);
    AtomicFiles.writeString(dir.resolve(Manifest.FILE_NAME), ManifestJson.toJson(sealed) + "\n");
    return sealed;
  }

  /**
   * @return the package directory
   */
  public Path dir() {
    return dir;
  }

  /**
   * @return the verified manifest
   */
  public Manifest manifest() {
    return manifest;
  }

  /**
   * @return the encoder config the manifest carries
   */
  public EncoderConfig encoderConfig() {
    return HfConfigJson.fromJson(
        manifest.encoder().config(), dir.resolve(Manifest.FILE_NAME) + " encoder.config");
  }

  /**
   * @param name a file name relative to the package, e.g. {@link #WEIGHTS}
   * @return its path (which may not exist)
   */
  public Path file(String name) {
    return resolveInside(dir, name);
  }

  /**
   * A model file of the package, checked against the checksum its manifest records (unless the
   * package was opened without verifying).
   *
   * @param name the model file's name, e.g. {@link #MODEL_ONNX}
   * @return its path
   * @throws ModelFormatException naming the file when it is missing, has no recorded checksum
   *     (format 2 on) or differs from it
   */
  public Path modelFile(String name) {
    Path file = file(name);
    if (!verified) {
      if (!Files.isRegularFile(file)) {
        throw new ModelFormatException(file + " does not exist");
      }
      return file;
    }
    return verifyModelFile(name);
  }

  /**
   * Checks a model file and its companions against the checksums the manifest records, however the
   * package was opened.
   *
   * @param name the model file's name
   * @return its path
   * @throws ModelFormatException naming the file when it is missing, has no recorded checksum
   *     (format 2 on) or differs from it
   */
  public Path verifyModelFile(String name) {
    file(name);
    return ModelFiles.verify(dir, manifest, name);
  }

  /**
   * @return the tokenizer file the manifest names
   */
  public Path tokenizerFile() {
    return file(manifest.tokenizer().file());
  }

  /**
   * @return the text of the tokenizer file the manifest names
   * @throws ModelFormatException naming the file when it cannot be read
   */
  public String tokenizerJson() {
    try {
      return Files.readString(tokenizerFile(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelFormatException(
          "cannot read the tokenizer " + tokenizerFile() + ": " + e.getMessage(), e);
    }
  }

  /**
   * @return the reference outputs in {@link #REFERENCE}
   * @throws ModelFormatException when the package has none or they are malformed
   */
  public ReferenceSet reference() {
    return ReferenceSet.read(file(REFERENCE));
  }

  /**
   * @return every tensor of {@link #WEIGHTS} as float32
   */
  public Map<String, FloatTensor> readWeights() {
    try (SafeTensorsReader reader = SafeTensorsReader.open(file(WEIGHTS))) {
      return reader.readAll();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static Path resolveInside(Path dir, String name) {
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir.normalize())) {
      throw new ModelFormatException(
          "package file name '" + name + "' points outside the package " + dir);
    }
    return file;
  }
}
