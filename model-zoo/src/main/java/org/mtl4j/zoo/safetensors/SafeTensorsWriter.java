package org.mtl4j.zoo.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.mtl4j.zoo.io.AtomicFiles;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Writes float32 tensors as a safetensors file, atomically. The output is deterministic: tensors
 * sorted by name, {@code __metadata__} first with sorted keys, the header padded with spaces to a
 * multiple of 8 bytes so that every tensor is aligned.
 */
public final class SafeTensorsWriter {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int CHUNK_FLOATS = 1 << 16;

  private SafeTensorsWriter() {}

  /**
   * @param file the file to create or replace
   * @param tensors name to tensor
   */
  public static void write(Path file, Map<String, FloatTensor> tensors) {
    write(file, tensors, Map.of());
  }

  /**
   * @param file the file to create or replace
   * @param tensors name to tensor
   * @param metadata string pairs for the header's {@code __metadata__} (omitted when empty)
   */
  public static void write(
      Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata) {
    Map<String, FloatTensor> sorted = new TreeMap<>(tensors);
    byte[] header = header(sorted, metadata);
    AtomicFiles.write(
        file,
        raw -> {
          OutputStream out = new BufferedOutputStream(raw, 1 << 20);
          ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
          out.write(length.putLong(header.length).array());
          out.write(header);
          ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
          for (FloatTensor t : sorted.values()) {
            writeFloats(out, t.data(), chunk);
          }
          out.flush();
        });
  }

  private static void writeFloats(OutputStream out, float[] data, ByteBuffer chunk)
      throws IOException {
    for (int from = 0; from < data.length; from += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, data.length - from);
      chunk.clear();
      chunk.asFloatBuffer().put(data, from, n);
      out.write(chunk.array(), 0, 4 * n);
    }
  }

  private static byte[] header(Map<String, FloatTensor> sorted, Map<String, String> metadata) {
    ObjectNode root = MAPPER.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject(SafeTensorsReader.METADATA);
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, FloatTensor> e : sorted.entrySet()) {
      if (e.getKey().equals(SafeTensorsReader.METADATA)) {
        throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
      }
      ObjectNode entry = root.putObject(e.getKey());
      entry.put("dtype", DType.F32.name());
      var shape = entry.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long end = offset + 4L * e.getValue().size();
      entry.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    try {
      byte[] json = MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
      int padded = (json.length + 7) / 8 * 8;
      byte[] header = new byte[padded];
      System.arraycopy(json, 0, header, 0, json.length);
      Arrays.fill(header, json.length, padded, (byte) ' ');
      return header;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise safetensors header", e);
    }
  }
}
