package org.mtl4j.zoo.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.weights.FloatTensor;

class SafeTensorsTest {

  @TempDir Path dir;

  @Test
  void roundTripIsBitExact() {
    SplittableRandom random = new SplittableRandom(7);
    float[] big = new float[300_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (float) random.nextDouble(-3, 3);
    }
    float[] special = {
      0f, -0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN, 1e-40f, 1f / 3
    };
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    tensors.put("b.big", new FloatTensor(new long[] {3, 100_000, 1}, big));
    tensors.put("a.special", new FloatTensor(new long[] {2, 4}, special));
    tensors.put("c.scalar", new FloatTensor(new long[] {}, new float[] {42f}));
    tensors.put("d.empty", new FloatTensor(new long[] {0, 5}, new float[0]));
    Path file = dir.resolve("w.safetensors");
    SafeTensorsWriter.write(file, tensors, Map.of("format", "pt", "note", "x"));

    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      assertThat(reader.metadata())
          .containsExactlyInAnyOrderEntriesOf(Map.of("format", "pt", "note", "x"));
      assertThat(reader.tensors())
          .extracting(TensorInfo::name)
          .containsExactly("a.special", "b.big", "c.scalar", "d.empty");
      Map<String, FloatTensor> back = reader.readAll();
      assertThat(back).isEqualTo(tensors);
      float[] roundTripped = back.get("a.special").data();
      for (int i = 0; i < special.length; i++) {
        assertThat(Float.floatToRawIntBits(roundTripped[i]))
            .as("bits of element %d", i)
            .isEqualTo(Float.floatToRawIntBits(special[i]));
      }
    }
  }

  @Test
  void outputIsDeterministicAndAligned() throws Exception {
    Map<String, FloatTensor> one = new LinkedHashMap<>();
    one.put("z", new FloatTensor(new long[] {2}, new float[] {1, 2}));
    one.put("a", new FloatTensor(new long[] {1}, new float[] {3}));
    Map<String, FloatTensor> other = new LinkedHashMap<>();
    other.put("a", one.get("a"));
    other.put("z", one.get("z"));
    Path f1 = dir.resolve("1.safetensors");
    Path f2 = dir.resolve("2.safetensors");
    SafeTensorsWriter.write(f1, one);
    SafeTensorsWriter.write(f2, other);
    byte[] bytes = Files.readAllBytes(f1);
    assertThat(bytes).isEqualTo(Files.readAllBytes(f2));
    long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(headerLength % 8).isZero();
    String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
    assertThat(header.strip())
        .isEqualTo(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"z\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}");
    assertThat(Files.list(dir)).hasSize(2);
  }

  @Test
  void halfPrecisionIsWidenedExactly() throws Exception {
    short[] f16 = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x7C00, 0x3800, (short) 0x8000};
    short[] bf16 = {0x3F80, (short) 0xC020, 0x4049};
    Path file = dir.resolve("half.safetensors");
    writeRaw(
        file,
        "{\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[0,14]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[14,20]}}",
        shorts(f16, bf16));
    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      assertThat(reader.read("h").data())
          .containsExactly(1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY, 0.5f, -0f);
      assertThat(reader.read("b").data()).containsExactly(1f, -2.5f, 3.140625f);
    }
  }

  @Test
  void headerLongerThanTheFileIsReported() throws Exception {
    Path file = dir.resolve("short.safetensors");
    ByteBuffer b = ByteBuffer.allocate(8 + 10).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(1000).put("{}        ".getBytes(StandardCharsets.US_ASCII));
    Files.write(file, b.array());
    assertThatThrownBy(() -> SafeTensorsReader.open(file))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(
            file
                + ": header length 1000 is longer than the file (18 bytes, 10 after the length field)");
  }

  @Test
  void truncatedAndInconsistentFilesAreReported() throws Exception {
    Path tiny = dir.resolve("tiny.safetensors");
    Files.write(tiny, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> SafeTensorsReader.open(tiny)).hasMessageContaining("too short");

    assertThat(badHeader("{\"t\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8))
        .contains("tensor 't' data_offsets [0, 16] lie outside the data section of 8 bytes");
    assertThat(badHeader("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8))
        .contains("tensor 't' spans 8 bytes but F32[3] needs 12");
    assertThat(badHeader("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8))
        .contains("tensor 't' starts at byte 4 of the data, leaving a gap (expected 0)");
    assertThat(badHeader("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8))
        .contains("tensors cover 4 bytes but the data section has 8");
    assertThat(badHeader("{\"t\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4))
        .contains("tensor 't' has unknown dtype 'Q4'");
    assertThat(badHeader("[1,2]", 0)).contains("header must be a JSON object");
    assertThat(badHeader("{\"t\":", 0)).contains("header is not valid JSON");
  }

  @Test
  void integerTensorsAreNotReadAsFloats() throws Exception {
    Path file = dir.resolve("ids.safetensors");
    writeRaw(
        file, "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      assertThat(reader.info("ids")).isPresent();
      assertThatThrownBy(() -> reader.read("ids"))
          .hasMessageContaining("tensor 'ids' has dtype I64; only F32, F16 and BF16");
      assertThatThrownBy(() -> reader.read("nope")).hasMessageContaining("has no tensor 'nope'");
      reader.close();
      reader.close();
      assertThatThrownBy(() -> reader.read("ids")).isInstanceOf(IllegalStateException.class);
    }
  }

  private String badHeader(String header, int dataBytes) throws Exception {
    Path file = Files.createTempFile(dir, "bad", ".safetensors");
    writeRaw(file, header, new byte[dataBytes]);
    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      throw new AssertionError("opened " + reader.tensors());
    } catch (ModelFormatException e) {
      assertThat(e.getMessage()).startsWith(file.toString());
      return e.getMessage();
    }
  }

  static void writeRaw(Path file, String header, byte[] data) throws Exception {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
    out.write(h);
    out.write(data);
    Files.write(file, out.toByteArray());
  }

  private static byte[] shorts(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (short[] p : parts) {
      for (short s : p) {
        b.putShort(s);
      }
    }
    return b.array();
  }
}
