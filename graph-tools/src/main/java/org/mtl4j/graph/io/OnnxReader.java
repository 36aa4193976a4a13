package org.mtl4j.graph.io;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.proto.Onnx;

/**
 * Reads ONNX models from files and streams into the IR.
 *
 * <p>A file is memory-mapped and parsed with aliasing, so initializers view the mapped file instead
 * of being copied; external data is checked (safe location, file present, large enough) when the
 * model is read and mapped when a tensor's bytes are first used. The reader checks the file's form,
 * not the graph: run {@code ModelChecker} for that.
 *
 * <pre>{@code
 * Model model = OnnxReader.read(Path.of("model.onnx"));
 * }</pre>
 */
public final class OnnxReader {

  private OnnxReader() {}

  /**
   * Reads a model file; external-data locations are relative to its folder.
   *
   * @param file the model file
   * @return the model
   * @throws NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read
   * @throws OnnxFormatException when it is not a valid ONNX model, prefixed with the file name
   */
  public static Model read(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new OnnxFormatException(file + ": is a folder, not an ONNX model file");
    }
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    long size = Files.size(file);
    if (size == 0) {
      throw new OnnxFormatException(file + ": not an ONNX model: the file is empty");
    }
    if (size > Integer.MAX_VALUE) {
      throw new OnnxFormatException(
          file + ": not an ONNX model: " + size + " bytes is more than one protobuf can hold");
    }
    ByteBuffer mapped;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    return parse(mapped, dir, file.toString());
  }

  /**
   * Reads a model from a stream (which is read to its end, not closed). A model with external data
   * cannot be read this way; see {@link #read(InputStream, Path)}.
   *
   * @param in the stream
   * @return the model
   * @throws IOException when the stream fails
   * @throws OnnxFormatException when it is not a valid ONNX model
   */
  public static Model read(InputStream in) throws IOException {
    return read(in, null);
  }

  /**
   * Reads a model from a stream whose external data lies in a given folder.
   *
   * @param in the stream
   * @param externalDataDir the folder external-data locations are relative to; null to reject
   *     external data
   * @return the model
   * @throws IOException when the stream fails
   * @throws OnnxFormatException when it is not a valid ONNX model
   */
  public static Model read(InputStream in, Path externalDataDir) throws IOException {
    byte[] bytes = in.readAllBytes();
    if (bytes.length == 0) {
      throw new OnnxFormatException("stream: not an ONNX model: no bytes");
    }
    Path dir = externalDataDir == null ? null : externalDataDir.toAbsolutePath().normalize();
    return parse(ByteBuffer.wrap(bytes), dir, "stream");
  }

  private static Model parse(ByteBuffer bytes, Path dir, String source) throws IOException {
    Onnx.ModelProto proto;
    try {
      CodedInputStream in = UnsafeByteOperations.unsafeWrap(bytes).newCodedInput();
      in.enableAliasing(true);
      in.setSizeLimit(Integer.MAX_VALUE);
      proto = Onnx.ModelProto.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new OnnxFormatException(
          source
              + ": not a valid ONNX model (truncated or corrupt protobuf: "
              + e.getMessage()
              + ")",
          e);
    }
    try {
      return new ProtoImporter(dir).importModel(proto);
    } catch (OnnxFormatException e) {
      throw new OnnxFormatException(source + ": " + e.getMessage(), e);
    }
  }
}
