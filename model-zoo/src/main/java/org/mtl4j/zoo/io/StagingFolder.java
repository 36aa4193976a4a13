package org.mtl4j.zoo.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A hidden folder beside a target file ({@code .mtl-staging-<name>-*}) where the target and its
 * companions (external data) are written before they are moved into place. Creating one removes the
 * staging folders a killed writer of the same target left behind; closing deletes it with whatever
 * is still in it.
 */
public final class StagingFolder implements AutoCloseable {

  private static final String PREFIX = ".mtl-staging-";

  private final Path path;

  private StagingFolder(Path path) {
    this.path = path;
  }

  /**
   * @param dir the folder the files are meant for, created if needed
   * @param name the target file's name
   * @return a new, empty staging folder inside {@code dir}
   */
  public static StagingFolder create(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      String prefix = PREFIX + name + "-";
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path stale :
            entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
          deleteTree(stale);
        }
      }
      return new StagingFolder(Files.createTempDirectory(dir, prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a staging folder in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * @return the folder
   */
  public Path path() {
    return path;
  }

  /**
   * @param name a file name
   * @return that file inside the staging folder
   */
  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Deletes the folder and what is left in it. */
  @Override
  public void close() {
    try {
      deleteTree(path);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot remove the staging folder " + path + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
