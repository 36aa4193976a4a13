package org.mtl4j.train.data.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.mtl4j.zoo.io.AtomicFiles;

/**
 * Writes a set of files all or nothing as far as a file system allows: each file goes to a
 * temporary file in the target folder first; {@link #commit()} renames them into place; closing
 * without a commit deletes the temporary files and leaves existing files untouched.
 */
final class StagedFiles implements AutoCloseable {

  private final Path dir;
  private final Map<Path, Path> staged = new LinkedHashMap<>();
  private boolean finished;

  StagedFiles(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Stages one file's content. */
  void write(String name, String content) {
    Path target = dir.resolve(name);
    try {
      Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
      staged.put(target, temp);
      Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Renames every staged file into place. */
  void commit() {
    try {
      for (Path temp : staged.values()) {
        AtomicFiles.forceFile(temp);
      }
      for (Map.Entry<Path, Path> e : staged.entrySet()) {
        AtomicFiles.moveDurably(e.getValue(), e.getKey());
      }
      finished = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move files into " + dir, e);
    }
  }

  @Override
  public void close() {
    if (finished) {
      return;
    }
    UncheckedIOException failure = null;
    for (Path temp : staged.values()) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        if (failure == null) {
          failure = new UncheckedIOException("cannot delete temporary file " + temp, e);
        }
      }
    }
    staged.clear();
    finished = true;
    if (failure != null) {
      throw failure;
    }
  }
}
