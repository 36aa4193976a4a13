package org.mtl4j.graph.io;

import com.google.protobuf.CodedOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.proto.Onnx;

/**
 * Writes models to files and streams.
 *
 * <p>File writes are atomic: the model (and its external-data file) are written to temporary files
 * in the target folder, flushed, and renamed into place; on failure the temporary files are deleted
 * and any existing target is left as it was. Weights are streamed from wherever they live (memory,
 * a mapped file) without an extra copy.
 *
 * <pre>{@code
 * OnnxWriter.write(model, Path.of("out/model.onnx"));                            // inline
 * OnnxWriter.write(model, Path.of("out/model.onnx"), WriteOptions.externalData()); // + model.onnx.data
 * }</pre>
 */
public final class OnnxWriter {

  private OnnxWriter() {}

  /**
   * Writes a model inline (external data only if it would pass protobuf's 2 GiB limit).
   *
   * @param model the model
   * @param file the target file
   * @return the files written
   * @throws IOException when the file cannot be written
   */
  public static WrittenModel write(Model model, Path file) throws IOException {
    return write(model, file, WriteOptions.inline());
  }

  /**
   * Writes a model with the given storage options.
   *
   * @param model the model
   * @param file the target file; its folder is created when missing
   * @param options inline or external data; external data is also chosen when the inline weights
   *     would pass {@link WriteOptions#maxInlineBytes()}
   * @return the files written
   * @throws IOException when a file cannot be written
   */
  public static WrittenModel write(Model model, Path file, WriteOptions options)
      throws IOException {
    Path target = file.toAbsolutePath().normalize();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    boolean external = options.external() || inlineBytes(model) > options.maxInlineBytes();
    String location =
        options.location() != null ? options.location() : target.getFileName() + ".data";
    Path dataTarget = dir.resolve(location).normalize();
    if (external && dataTarget.equals(target)) {
      throw new IllegalArgumentException(
          "external-data location '" + location + "' is the model file itself");
    }
    Path modelTemp = null;
    Path dataTemp = null;
    try {
      ExternalFile sink = null;
      if (external) {
        Files.createDirectories(dataTarget.getParent());
        dataTemp = tempBeside(dataTarget);
        sink = new ExternalFile(dataTemp, location, options.sizeThreshold());
      }
      Onnx.ModelProto proto;
      try (ExternalFile s = sink) {
        proto = new ProtoExporter(s).exportModel(model);
      }
      if (sink != null && !sink.wroteAny()) {
        Files.delete(dataTemp);
        dataTemp = null;
        external = false;
      }
      requireUnderLimit(proto, target);
      modelTemp = tempBeside(target);
      try (OutputStream out = Files.newOutputStream(modelTemp)) {
        writeProto(proto, out);
      }
      try (FileChannel ch = FileChannel.open(modelTemp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      if (dataTemp != null) {
        move(dataTemp, dataTarget);
        dataTemp = null;
      }
      move(modelTemp, target);
      modelTemp = null;
      return new WrittenModel(target, external ? Optional.of(dataTarget) : Optional.empty());
    } finally {
      deleteQuietly(modelTemp);
      deleteQuietly(dataTemp);
    }
  }

  /**
   * Writes a model as one protobuf to a stream (which is not closed). External data is not possible
   * here.
   *
   * @param model the model
   * @param out the stream
   * @throws IOException when the stream fails
   * @throws OnnxFormatException when the model does not fit one protobuf (2 GiB)
   */
  public static void write(Model model, OutputStream out) throws IOException {
    writeProto(exportInline(model), out);
  }

  /**
   * @param model the model
   * @return the model as one serialized protobuf, e.g. for {@code OrtEnvironment.createSession}
   * @throws OnnxFormatException when the model does not fit one protobuf (2 GiB)
   */
  public static byte[] toBytes(Model model) {
    try {
      return exportInline(model).toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory export cannot do I/O", e);
    }
  }

  /** The whole model as one protobuf, every tensor inline. */
  private static Onnx.ModelProto exportInline(Model model) throws IOException {
    Onnx.ModelProto proto = new ProtoExporter(null).exportModel(model);
    requireUnderLimit(proto, null);
    return proto;
  }

  private static long inlineBytes(Model model) {
    return model.graph().initializers().values().stream().mapToLong(Tensor::byteSize).sum();
  }

  private static void requireUnderLimit(Onnx.ModelProto proto, Path file) {
    long size = proto.getSerializedSize();
    if (size < 0 || size > WriteOptions.PROTOBUF_LIMIT) {
      throw new OnnxFormatException(
          (file == null ? "model" : file.toString())
              + " does not fit one protobuf (2 GiB); write it to a file with external data");
    }
  }

  private static void writeProto(Onnx.ModelProto proto, OutputStream out) throws IOException {
    OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    CodedOutputStream coded = CodedOutputStream.newInstance(buffered, 1 << 16);
    proto.writeTo(coded);
    coded.flush();
    buffered.flush();
  }

  /**
   * Creates a temporary file beside the target with the permissions the target has, or {@code
   * rw-r--r--} for a new file (temporary files start owner-only).
   */
  private static Path tempBeside(Path target) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(
          temp,
          Files.exists(target)
              ? Files.getPosixFilePermissions(target)
              : PosixFilePermissions.fromString("rw-r--r--"));
    }
    return temp;
  }

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // The original failure is the one to report; a stray temporary file is harmless.
      }
    }
  }

  /** Appends initializers at page-aligned offsets to the external-data file. */
  private static final class ExternalFile implements ProtoExporter.ExternalDataSink, AutoCloseable {

    private final FileChannel channel;
    private final String location;
    private final long sizeThreshold;
    private long position;
    private boolean wroteAny;
    private boolean closed;

    ExternalFile(Path file, String location, long sizeThreshold) throws IOException {
      this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
      this.location = location;
      this.sizeThreshold = sizeThreshold;
    }

    @Override
    public List<Onnx.StringStringEntryProto> place(Tensor tensor) throws IOException {
      long length = tensor.byteSize();
      if (length < sizeThreshold) {
        return null;
      }
      long offset =
          (position + WriteOptions.ALIGNMENT - 1) / WriteOptions.ALIGNMENT * WriteOptions.ALIGNMENT;
      ByteBuffer bytes = tensor.bytes();
      long at = offset;
      while (bytes.hasRemaining()) {
        at += channel.write(bytes, at);
      }
      position = at;
      wroteAny = true;
      return List.of(
          entry("location", location),
          entry("offset", Long.toString(offset)),
          entry("length", Long.toString(length)));
    }

    boolean wroteAny() {
      return wroteAny;
    }

    private static Onnx.StringStringEntryProto entry(String key, String value) {
      return Onnx.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        try (channel) {
          channel.force(true);
        }
      }
    }
  }
}
