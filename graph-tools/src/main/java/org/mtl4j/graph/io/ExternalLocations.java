package org.mtl4j.graph.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mtl4j.graph.OnnxFormatException;

/**
 * The safety rules for external-data locations, shared by reading and writing: a location is a
 * relative path that stays inside the model's folder (no absolute path, no {@code ..}, no symbolic
 * link out of the folder).
 */
final class ExternalLocations {

  private ExternalLocations() {}

  /**
   * Checks a location's form (not the file system).
   *
   * @param location the location as written in {@code external_data}
   * @param what what the location belongs to, for messages ({@code tensor 'w'})
   * @throws OnnxFormatException when it is empty, absolute or contains {@code ..}
   */
  static void requireSafe(String location, String what) {
    if (location == null || location.isEmpty()) {
      throw new OnnxFormatException(what + ": external data without a location");
    }
    if (location.startsWith("/")
        || location.startsWith("\\")
        || location.matches("^[A-Za-z]:.*")
        || Path.of(location).isAbsolute()) {
      throw new OnnxFormatException(
          what
              + ": external-data location '"
              + location
              + "' is absolute; it must be a path relative to the model's folder");
    }
    for (String part : location.split("[/\\\\]")) {
      if (part.equals("..")) {
        throw new OnnxFormatException(
            what
                + ": external-data location '"
                + location
                + "' uses '..' and so leaves the model's folder");
      }
    }
  }

  /**
   * Resolves a location against the model's folder and checks that the file exists and, after
   * following symbolic links, lies inside the folder.
   *
   * @param baseDir the model's folder
   * @param location the location
   * @param what what the location belongs to, for messages
   * @return the file's path
   * @throws OnnxFormatException when the location is unsafe or the file is missing
   * @throws IOException when the file system cannot be read
   */
  static Path resolveExisting(Path baseDir, String location, String what) throws IOException {
    requireSafe(location, what);
    Path file = baseDir.resolve(location).normalize();
    if (!Files.isRegularFile(file)) {
      throw new OnnxFormatException(
          what + ": external-data file '" + location + "' not found (looked for " + file + ")");
    }
    if (!file.toRealPath().startsWith(baseDir.toRealPath())) {
      throw new OnnxFormatException(
          what
              + ": external-data location '"
              + location
              + "' leaves the model's folder through a symbolic link");
    }
    return file;
  }
}
