package org.mtl4j.zoo.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Reads a safetensors file: an 8-byte little-endian header length N, N bytes of JSON header, then
 * the data section. The header is checked against the file when the reader opens (every tensor's
 * offsets inside the data section, its byte length equal to its shape times its dtype size, the
 * tensors covering the data section without gap or overlap). Tensor data is memory-mapped one
 * tensor at a time, so files of any size are read without loading them whole; F32, F16 and BF16 are
 * read as float.
 *
 * <p>Owns an open file channel; {@link #close()} releases it and is idempotent. Not thread-safe.
 */
public final class SafeTensorsReader implements AutoCloseable {

  /** The largest header the format allows (100 MB). */
  public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  /** The header key of the string metadata, which therefore cannot name a tensor. */
  static final String METADATA = "__metadata__";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;
  private boolean closed;

  private SafeTensorsReader(
      Path file,
      FileChannel channel,
      long dataStart,
      Map<String, TensorInfo> tensors,
      Map<String, String> metadata) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /**
   * Opens a file and validates its header.
   *
   * @param file a safetensors file
   * @return the reader; close it
   * @throws ModelFormatException naming the file and the problem when the header is invalid
   */
  public static SafeTensorsReader open(Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("safetensors file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(file, channel);
    } catch (RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static SafeTensorsReader parse(Path file, FileChannel channel) {
    try {
      long size = channel.size();
      if (size < 8) {
        throw new ModelFormatException(
            file
                + ": "
                + size
                + " bytes is too short for a safetensors file (8-byte header length)");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.flip().getLong();
      if (headerLength < 0 || headerLength > size - 8) {
        throw new ModelFormatException(
            file
                + ": header length "
                + Long.toUnsignedString(headerLength)
                + " is longer than the file ("
                + size
                + " bytes, "
                + (size - 8)
                + " after the length field)");
      }
      if (headerLength > MAX_HEADER_BYTES) {
        throw new ModelFormatException(
            file
                + ": header length "
                + headerLength
                + " exceeds the format's limit of "
                + MAX_HEADER_BYTES
                + " bytes");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, 8);
      String json = new String(header.array(), StandardCharsets.UTF_8);
      long dataStart = 8 + headerLength;
      HeaderParser parser = new HeaderParser(file, json, size - dataStart);
      return new SafeTensorsReader(file, channel, dataStart, parser.tensors, parser.metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long pos = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at byte " + pos);
      }
      pos += n;
    }
  }

  /**
   * @return the file read
   */
  public Path file() {
    return file;
  }

  /**
   * @return the header's {@code __metadata__} (empty when absent)
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * @return the tensors in data order
   */
  public List<TensorInfo> tensors() {
    return List.copyOf(tensors.values());
  }

  /**
   * @return tensor name to shape, in data order
   */
  public Map<String, long[]> shapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    tensors.forEach((name, info) -> shapes.put(name, info.shape()));
    return shapes;
  }

  /**
   * @param name a tensor name
   * @return its header entry, if present
   */
  public Optional<TensorInfo> info(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  /**
   * Reads one tensor as float32.
   *
   * @param name a tensor name
   * @return the tensor
   * @throws ModelFormatException when there is no such tensor or its dtype is not F32, F16, BF16
   * @throws IllegalStateException after {@link #close()}
   */
  public FloatTensor read(String name) {
    if (closed) {
      throw new IllegalStateException("reader of " + file + " is closed");
    }
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new ModelFormatException(file + " has no tensor '" + name + "'");
    }
    if (!info.dtype().floatReadable()) {
      throw new ModelFormatException(
          file
              + ": tensor '"
              + name
              + "' has dtype "
              + info.dtype()
              + "; only F32, F16 and BF16 are read as floats");
    }
    if (info.byteLength() > Integer.MAX_VALUE) {
      throw new ModelFormatException(
          file
              + ": tensor '"
              + name
              + "' has "
              + info.byteLength()
              + " bytes, more than one array can hold");
    }
    int count = Math.toIntExact(info.elementCount());
    float[] data = new float[count];
    if (count > 0) {
      ByteBuffer bytes = map(info).order(ByteOrder.LITTLE_ENDIAN);
      switch (info.dtype()) {
        case F32 -> bytes.asFloatBuffer().get(data);
        case F16 -> {
          for (int i = 0; i < count; i++) {
            data[i] = HalfFloats.f16ToFloat(bytes.getShort(2 * i));
          }
        }
        case BF16 -> {
          for (int i = 0; i < count; i++) {
            data[i] = HalfFloats.bf16ToFloat(bytes.getShort(2 * i));
          }
        }
        default -> throw new IllegalStateException("unreachable dtype " + info.dtype());
      }
    }
    return new FloatTensor(info.shape(), data);
  }

  /**
   * @return every tensor as float32, in data order
   */
  public Map<String, FloatTensor> readAll() {
    Map<String, FloatTensor> all = new LinkedHashMap<>();
    for (String name : tensors.keySet()) {
      all.put(name, read(name));
    }
    return all;
  }

  private MappedByteBuffer map(TensorInfo info) {
    try {
      return channel.map(
          FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.byteLength());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot map tensor '" + info.name() + "' of " + file + ": " + e.getMessage(), e);
    }
  }

  /** Closes the file; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  /** Parses and validates the JSON header. */
  private static final class HeaderParser {
    private final Path file;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    HeaderParser(Path file, String json, long dataLength) {
      this.file = file;
      JsonNode root;
      try {
        root = MAPPER.readTree(json);
      } catch (JsonProcessingException e) {
        throw fail("header is not valid JSON: " + e.getOriginalMessage());
      }
      if (root == null || !root.isObject()) {
        throw fail("header must be a JSON object");
      }
      List<TensorInfo> infos = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals(METADATA)) {
          readMetadata(e.getValue());
        } else {
          infos.add(tensor(e.getKey(), e.getValue(), dataLength));
        }
      }
      infos.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
      long expected = 0;
      for (TensorInfo info : infos) {
        if (info.begin() != expected) {
          throw fail(
              "tensor '"
                  + info.name()
                  + "' starts at byte "
                  + info.begin()
                  + " of the data, "
                  + (info.begin() < expected ? "overlapping the previous tensor" : "leaving a gap")
                  + " (expected "
                  + expected
                  + ")");
        }
        expected = info.end();
      }
      if (expected != dataLength) {
        throw fail("tensors cover " + expected + " bytes but the data section has " + dataLength);
      }
      Map<String, TensorInfo> byName = new LinkedHashMap<>();
      infos.forEach(i -> byName.put(i.name(), i));
      tensors = Collections.unmodifiableMap(byName);
    }

    private void readMetadata(JsonNode node) {
      if (!node.isObject()) {
        throw fail("__metadata__ must be an object of strings");
      }
      node.fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isTextual()) {
                  throw fail("__metadata__ value of '" + e.getKey() + "' is not a string");
                }
                metadata.put(e.getKey(), e.getValue().asText());
              });
    }

    private TensorInfo tensor(String name, JsonNode node, long dataLength) {
      String where = "tensor '" + name + "'";
      if (!node.isObject()) {
        throw fail(where + " must be an object");
      }
      JsonNode dtypeNode = node.get("dtype");
      if (dtypeNode == null || !dtypeNode.isTextual()) {
        throw fail(where + " has no dtype string");
      }
      DType dtype =
          DType.find(dtypeNode.asText())
              .orElseThrow(() -> fail(where + " has unknown dtype '" + dtypeNode.asText() + "'"));
      long[] shape = longs(node.get("shape"), where + " shape", -1);
      long[] offsets = longs(node.get("data_offsets"), where + " data_offsets", 2);
      long begin = offsets[0];
      long end = offsets[1];
      if (begin > end || end > dataLength) {
        throw fail(
            where
                + " data_offsets ["
                + begin
                + ", "
                + end
                + "] lie outside the data section of "
                + dataLength
                + " bytes");
      }
      TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
      long needed;
      try {
        needed = Math.multiplyExact(info.elementCount(), dtype.bytes());
      } catch (ArithmeticException e) {
        throw fail(where + " shape " + Arrays.toString(shape) + " overflows");
      }
      if (needed != info.byteLength()) {
        throw fail(
            where
                + " spans "
                + info.byteLength()
                + " bytes but "
                + dtype
                + Arrays.toString(shape)
                + " needs "
                + needed);
      }
      return info;
    }

    private long[] longs(JsonNode node, String what, int length) {
      if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
        throw fail(what + " must be an array" + (length >= 0 ? " of " + length : "") + " integers");
      }
      long[] values = new long[node.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode v = node.get(i);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
          throw fail(what + " holds " + v + ", not a non-negative integer");
        }
        values[i] = v.asLong();
      }
      return values;
    }

    private ModelFormatException fail(String message) {
      return new ModelFormatException(file + ": " + message);
    }
  }
}
