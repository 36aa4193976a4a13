package org.mtl4j.zoo.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Fuzzes {@link SafeTensorsReader} (header length and JSON, offsets, dtypes, shapes): any file
 * either opens and reads every tensor, or is refused with a {@link ModelFormatException} naming the
 * file; nothing else escapes, and no tensor is read outside the file's data section.
 */
class SafeTensorsReaderFuzzTest {

  private static Path file;

  @BeforeAll
  static void createFile() throws IOException {
    file = Files.createTempFile("fuzz", ".safetensors");
  }

  @AfterAll
  static void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void readsOrRefusesClearly(byte[] bytes) throws IOException {
    Files.write(file, bytes);
    try (SafeTensorsReader reader = SafeTensorsReader.open(file)) {
      Map<String, FloatTensor> all = reader.readAll();
      long floats = all.values().stream().mapToLong(t -> t.data().length).sum();
      assertThat(floats)
          .as("floats read from %s bytes", bytes.length)
          .isLessThanOrEqualTo(bytes.length);
    } catch (ModelFormatException e) {
      assertThat(e.getMessage()).contains(file.toString());
    }
  }
}
