package org.mtl4j.zoo.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable atomic file writes: the content goes to a temporary file beside the target, is forced to
 * disk, and is then renamed over the target; the folder is forced to disk before and after the
 * rename. A reader never sees a half-written file, and after a crash or a power loss the target
 * holds either its old or its new content, never an empty or partial file. Temporary files are
 * named {@code .<target name>*.tmp}; one left by a killed process is harmless and is removed by
 * {@link #removeStaleTemporaries(Path)}.
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
   * Writes a file atomically and durably, creating its parent directories.
   *
   * @param target the file to create or replace
   * @param content what to write
   * @throws UncheckedIOException naming the target when writing fails; the target is unchanged
   */
  public static void write(Path target, Content content) {
    Path absolute = target.toAbsolutePath();
    Path tmp = null;
    try {
      tmp = writeTemporary(absolute, content);
      moveDurably(tmp, absolute);
    } catch (IOException e) {
      deleteQuietly(tmp, e);
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(tmp, e);
      throw e;
    }
  }

  /**
   * Writes a UTF-8 text file atomically and durably.
   *
   * @param target the file to create or replace
   * @param text its content
   */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes content to a new temporary file beside a target and forces it to disk; the target is not
   * touched. The caller renames it with {@link #moveDurably} or deletes it.
   *
   * @param target the file the content is meant for
   * @param content what to write
   * @return the temporary file, named {@code .<target name>*.tmp}
   * @throws IOException when writing fails (the temporary file is then removed)
   */
  public static Path writeTemporary(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      OutputStream out = new KeepOpen(Channels.newOutputStream(channel));
      content.writeTo(out);
      out.flush();
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp, e);
      throw e;
    }
    return tmp;
  }

  /**
   * Renames a file that is already on disk over a target in the same folder: the folder is forced
   * before the rename (so the source's entry is durable) and after it (so the rename is).
   *
   * @param source a file written and forced, normally by {@link #writeTemporary}
   * @param target the file to create or replace
   * @throws IOException when the rename fails
   */
  public static void moveDurably(Path source, Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    forceDirectory(dir);
    KillPoints.reached("rename.before:" + target.getFileName());
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory(dir);
    KillPoints.reached("rename.after:" + target.getFileName());
    Path sourceDir = source.toAbsolutePath().getParent();
    if (!sourceDir.equals(dir)) {
      forceDirectory(sourceDir);
    }
  }

  /**
   * Forces a file's content to disk.
   *
   * @param file a regular file
   * @throws IOException when it cannot be opened or forced
   */
  public static void forceFile(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Forces a folder's entries (names created, renamed or removed in it) to disk. File systems that
   * cannot open a folder for this (Windows) are skipped: their renames are already durable or
   * cannot be made so from Java.
   *
   * @param dir a folder
   * @throws IOException when the folder exists but cannot be forced
   */
  public static void forceDirectory(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      if (Files.isDirectory(dir) && isWindows()) {
        return;
      }
      throw e;
    }
    try (channel) {
      channel.force(true);
    }
  }

  /**
   * Removes the temporary files a killed writer left beside a target ({@code .<target name>*.tmp}).
   * Only the target's own writer calls this, before it writes again.
   *
   * @param target a file written through this class
   */
  public static void removeStaleTemporaries(Path target) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    String prefix = "." + absolute.getFileName();
    try (var stale =
        Files.newDirectoryStream(
            dir,
            p -> {
              String name = p.getFileName().toString();
              return name.startsWith(prefix) && name.endsWith(".tmp") && Files.isRegularFile(p);
            })) {
      for (Path p : stale) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot remove stale temporary files of " + target + ": " + e.getMessage(), e);
    }
  }

  /** Lets content writers close their stream (Jackson does) before the file is forced. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
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
