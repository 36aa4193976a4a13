package org.mtl4j.zoo.pkg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.io.KillPoints;
import org.mtl4j.zoo.io.Sha256;
import org.mtl4j.zoo.io.StagingFolder;

/**
 * Model files written into a package after it was sealed ({@code model.onnx}, optimized flavours,
 * their external data), with their checksums in the manifest's {@code modelFiles}.
 *
 * <p>Installing survives a kill at any point: the staged files are forced to disk and hashed, the
 * manifest is rewritten with each file's current and pending checksum, the files are renamed into
 * place (companions first, the model last), and the manifest is rewritten with the pending
 * checksums made current (and the previous version's companions deleted). A load in between accepts
 * either version ({@link ModelFileChecksum#accepts}), but not a model of one version with external
 * data of the other. Writers name each write's external data apart ({@link #externalDataName}), so
 * a new data file never replaces the one the previous model reads: a load between the two renames
 * gets the previous model with its own data. Outside a package (no {@code mtl.json} in the folder)
 * the files are only renamed into place, durably.
 *
 * <pre>{@code
 * ModelFiles.write(pkgDir, "model.fused.onnx", file -> OnnxWriter.write(model, file));
 * }</pre>
 */
public final class ModelFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Writes a model file (and any companions beside it) into a staging folder. */
  @FunctionalInterface
  public interface Writer {
    /**
     * @param file where to write the model file; companions go into its folder
     * @throws IOException when writing fails
     */
    void write(Path file) throws IOException;
  }

  private ModelFiles() {}

  /**
   * A name for one write's external-data file, different from every earlier write's, so that
   * installing it never replaces the data the model in place reads.
   *
   * @param model the model file's name, e.g. {@code model.onnx}
   * @return e.g. {@code model.onnx.3f9c01ab.data}
   */
  public static String externalDataName(String model) {
    return model + "." + HexFormat.of().toHexDigits(RANDOM.nextInt()) + ".data";
  }

  /**
   * Writes a model file through a staging folder and installs it.
   *
   * @param dir the package directory (or any folder)
   * @param name the model file's name inside it
   * @param writer writes the file
   * @return the installed files, the model first
   */
  public static List<Path> write(Path dir, String name, Writer writer) {
    try (StagingFolder staging = StagingFolder.create(dir, name)) {
      writer.write(staging.resolve(name));
      return install(dir, staging.path(), name);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves a staged model file and its companions (every other file in the staging folder) into a
   * folder, recording their checksums when the folder is a package.
   *
   * @param dir the package directory (or any folder)
   * @param staging a folder holding {@code name} and its companions, on the same file system
   * @param name the model file's name
   * @return the installed files, the model first
   */
  public static List<Path> install(Path dir, Path staging, String name) {
    try {
      Map<String, String> staged = hashStaged(staging, name);
      Path manifestFile = dir.resolve(Manifest.FILE_NAME);
      if (!Files.isRegularFile(manifestFile)) {
        return moveIntoPlace(dir, staging, staged.keySet(), name);
      }
      AtomicFiles.removeStaleTemporaries(manifestFile);
      Manifest before = read(manifestFile);
      Map<String, ModelFileChecksum> entries = new TreeMap<>(before.modelFiles());
      Map<String, String> files = new TreeMap<>(before.files());
      for (Map.Entry<String, String> f : staged.entrySet()) {
        String current = checksumInPlace(dir, f.getKey(), before);
        entries.put(
            f.getKey(), new ModelFileChecksum(current, f.getValue(), partOf(f.getKey(), name)));
        files.remove(f.getKey());
      }
      write(manifestFile, before.withFiles(files).withModelFiles(entries));
      KillPoints.reached("model.pending:" + name);
      List<Path> installed = moveIntoPlace(dir, staging, staged.keySet(), name);
      KillPoints.reached("model.moved:" + name);
      List<String> dropped = new ArrayList<>();
      for (Map.Entry<String, ModelFileChecksum> e : before.modelFiles().entrySet()) {
        if (name.equals(e.getValue().partOf()) && !staged.containsKey(e.getKey())) {
          dropped.add(e.getKey());
        }
      }
      for (Map.Entry<String, String> f : staged.entrySet()) {
        entries.put(
            f.getKey(), new ModelFileChecksum(f.getValue(), null, partOf(f.getKey(), name)));
      }
      dropped.forEach(entries::remove);
      write(manifestFile, before.withFiles(files).withModelFiles(entries));
      for (String old : dropped) {
        Files.deleteIfExists(dir.resolve(old));
      }
      return installed;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot install " + name + " into " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks a model file and its companions against the manifest's checksums.
   *
   * @param dir the package directory
   * @param manifest its manifest
   * @param name the model file's name
   * @return the model file
   * @throws ModelFormatException naming the file when it is missing, not recorded (format 2 on),
   *     changed since it was written, or caught between two versions of its companions
   */
  static Path verify(Path dir, Manifest manifest, String name) {
    Path manifestFile = dir.resolve(Manifest.FILE_NAME);
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(file + " does not exist");
    }
    Map<String, ModelFileChecksum> parts = new LinkedHashMap<>();
    ModelFileChecksum own = manifest.modelFiles().get(name);
    if (own == null) {
      if (manifest.files().containsKey(name) || manifest.formatVersion() < 2) {
        return file; // sealed with the package (checked on open), or written before checksums
      }
      throw new ModelFormatException(
          file
              + " has no checksum in "
              + manifestFile
              + ": it was not written by mtl export or"
              + " mtl optimize; write it again with them, or skip the check with --no-verify");
    }
    parts.put(name, own);
    manifest
        .modelFiles()
        .forEach(
            (n, sum) -> {
              if (name.equals(sum.partOf())) {
                parts.put(n, sum);
              }
            });
    boolean onlyCurrent = false;
    boolean onlyPending = false;
    for (Map.Entry<String, ModelFileChecksum> part : parts.entrySet()) {
      Path p = dir.resolve(part.getKey());
      ModelFileChecksum sum = part.getValue();
      boolean bothVersions = sum.sha256() != null && sum.pending() != null;
      if (sum.sha256() == null && !Files.exists(p)) {
        continue; // a companion of the pending write only, not yet moved into place
      }
      if (!Files.isRegularFile(p)) {
        throw new ModelFormatException(
            p + " is recorded in " + manifestFile + " but does not exist");
      }
      String actual = Sha256.of(p);
      if (!sum.accepts(actual)) {
        throw new ModelFormatException(
            p
                + ": sha256 "
                + actual
                + " differs from "
                + sum.sha256()
                + " recorded in "
                + manifestFile
                + "; the file changed after it was written (write it again, or"
                + " skip the check with --no-verify)");
      }
      // a file of one version only (a companion named per write) says nothing of a mix
      onlyCurrent |= bothVersions && actual.equals(sum.sha256()) && !actual.equals(sum.pending());
      onlyPending |= bothVersions && actual.equals(sum.pending()) && !actual.equals(sum.sha256());
    }
    if (onlyCurrent && onlyPending) {
      throw new ModelFormatException(
          file
              + " and its companions "
              + parts.keySet()
              + " are of two different writes (a write"
              + " was interrupted); write "
              + name
              + " again");
    }
    return file;
  }

  private static Map<String, String> hashStaged(Path staging, String name) throws IOException {
    if (!Files.isRegularFile(staging.resolve(name))) {
      throw new NoSuchFileException(staging.resolve(name).toString());
    }
    Map<String, String> staged = new TreeMap<>();
    try (Stream<Path> list = Files.list(staging)) {
      for (Path p : list.filter(Files::isRegularFile).toList()) {
        AtomicFiles.forceFile(p);
        staged.put(p.getFileName().toString(), Sha256.of(p));
      }
    }
    return staged;
  }

  /** The checksum of the file now in place, when it is one the manifest accepts. */
  private static String checksumInPlace(Path dir, String name, Manifest manifest) {
    Path p = dir.resolve(name);
    if (!Files.isRegularFile(p)) {
      return null;
    }
    String actual = Sha256.of(p);
    ModelFileChecksum sum = manifest.modelFiles().get(name);
    boolean accepted =
        sum != null ? sum.accepts(actual) : actual.equals(manifest.files().get(name));
    return accepted ? actual : null;
  }

  private static String partOf(String file, String model) {
    return file.equals(model) ? null : model;
  }

  private static List<Path> moveIntoPlace(
      Path dir, Path staging, Iterable<String> names, String model) throws IOException {
    List<Path> installed = new ArrayList<>();
    for (String n : names) {
      if (!n.equals(model)) {
        AtomicFiles.moveDurably(staging.resolve(n), dir.resolve(n));
        installed.add(dir.resolve(n));
      }
    }
    AtomicFiles.moveDurably(staging.resolve(model), dir.resolve(model));
    installed.add(0, dir.resolve(model));
    return installed;
  }

  private static Manifest read(Path manifestFile) throws IOException {
    return ManifestJson.fromJson(Files.readString(manifestFile), manifestFile.toString());
  }

  private static void write(Path manifestFile, Manifest manifest) {
    AtomicFiles.writeString(manifestFile, ManifestJson.toJson(manifest) + "\n");
  }
}
