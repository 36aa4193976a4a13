package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.mtl4j.zoo.io.AtomicFiles;

/**
 * Writes named tensors as JSON: {@code {"inputs": {name: {"shape": [...], "data": [flat,
 * row-major]}}, "outputs": {...}}} plus string metadata fields, atomically. Floats are written in
 * their shortest exact decimal form, so the file round-trips bit-exactly.
 */
public final class TensorJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private TensorJson() {}

  /**
   * @param file the file to write
   * @param metadata string fields written first (source, engine, ...)
   * @param inputs int64 input tensors by name
   * @param outputs float32 output tensors by name
   */
  public static void write(
      Path file,
      Map<String, String> metadata,
      Map<String, NDArray> inputs,
      Map<String, NDArray> outputs) {
    AtomicFiles.write(
        file,
        out -> {
          try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
              json.writeStringField(e.getKey(), e.getValue());
            }
            writeGroup(json, "inputs", inputs);
            writeGroup(json, "outputs", outputs);
            json.writeEndObject();
          }
        });
  }

  private static void writeGroup(JsonGenerator json, String name, Map<String, NDArray> tensors)
      throws IOException {
    json.writeObjectFieldStart(name);
    for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
      NDArray array = e.getValue();
      json.writeObjectFieldStart(e.getKey());
      json.writeArrayFieldStart("shape");
      for (long d : array.getShape().getShape()) {
        json.writeNumber(d);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("data");
      if (array.getDataType() == DataType.INT64) {
        for (long v : array.toLongArray()) {
          json.writeNumber(v);
        }
      } else {
        for (float v : array.toType(DataType.FLOAT32, false).toFloatArray()) {
          json.writeNumber(v);
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndObject();
  }
}
