package org.mtl4j.zoo.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic file writes: the content goes to a temporary file beside the target, which is then
 * renamed over it, so a reader never sees a half-written file.
 */
public final class AtomicFiles {

  /** Writes the content of a file to a stream. */
  @FunctionalInterface
  public interface Content {
    /**
     * @param out the stream to write to; closed by the caller
     * @throws IOException when writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes a file atomically, creating its parent directories.
   *
   * @param target the file to create or replace
   * @param content what to write
   * @throws UncheckedIOException naming the target when writing fails; the target is unchanged
   */
  public static void write(Path target, Content content) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      move(tmp, absolute);
    } catch (IOException e) {
      deleteQuietly(tmp, e);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp, e);
      throw e;
    }
  }

  /**
   * Writes a UTF-8 text file atomically.
   *
   * @param target the file to create or replace
   * @param text its content
   */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path tmp, Exception primary) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
