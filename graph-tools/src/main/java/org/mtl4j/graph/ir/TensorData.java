package org.mtl4j.graph.ir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Where a tensor's raw little-endian bytes live: a buffer already in memory (possibly a view into a
 * memory-mapped model file, so nothing was copied) or a region of an external-data file that is
 * memory-mapped on first use.
 */
public sealed interface TensorData permits TensorData.InMemory, TensorData.FileRegion {

  /**
   * @return the number of bytes
   */
  long byteSize();

  /**
   * Returns the bytes as a read-only little-endian buffer positioned at 0. Each call returns a
   * fresh view; the underlying memory is shared, never copied.
   *
   * @return the bytes
   * @throws UncheckedIOException when a file region cannot be mapped
   */
  ByteBuffer bytes();

  /**
   * @param buffer the bytes from its position to its limit; not copied, so it must not change
   *     afterwards
   * @return tensor data backed by the buffer
   */
  static TensorData of(ByteBuffer buffer) {
    return new InMemory(buffer);
  }

  /**
   * @param file the external-data file
   * @param offset where the tensor's bytes start
   * @param length how many bytes
   * @return tensor data read from the file (memory-mapped) on first use
   */
  static TensorData fileRegion(Path file, long offset, long length) {
    return new FileRegion(file, offset, length);
  }

  /** Bytes in memory. */
  final class InMemory implements TensorData {

    private final ByteBuffer buffer;

    private InMemory(ByteBuffer buffer) {
      this.buffer = buffer.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public long byteSize() {
      return buffer.remaining();
    }

    @Override
    public ByteBuffer bytes() {
      return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /**
   * A region of an external-data file, mapped read-only on first use and kept mapped while this
   * object is reachable.
   */
  final class FileRegion implements TensorData {

    private final Path file;
    private final long offset;
    private final long length;
    private volatile ByteBuffer mapped;

    private FileRegion(Path file, long offset, long length) {
      Objects.requireNonNull(file, "file");
      if (offset < 0 || length < 0) {
        throw new IllegalArgumentException("negative offset or length in " + file);
      }
      if (length > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "a single tensor of " + length + " bytes in " + file + " is larger than 2 GiB");
      }
      this.file = file;
      this.offset = offset;
      this.length = length;
    }

    /**
     * @return the external-data file
     */
    public Path file() {
      return file;
    }

    /**
     * @return where the bytes start in the file
     */
    public long offset() {
      return offset;
    }

    @Override
    public long byteSize() {
      return length;
    }

    @Override
    public ByteBuffer bytes() {
      ByteBuffer m = mapped;
      if (m == null) {
        synchronized (this) {
          m = mapped;
          if (m == null) {
            m = map();
            mapped = m;
          }
        }
      }
      return m.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer map() {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).asReadOnlyBuffer();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot map external data " + file + " @" + offset, e);
      }
    }
  }
}
