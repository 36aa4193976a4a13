package org.mtl4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.mtl4j.graph.OnnxFormatException;

/**
 * Fuzzes {@link OnnxReader}: any bytes either read as a model or are refused with an {@link
 * OnnxFormatException} that says what is wrong; nothing else may escape (no index, arithmetic or
 * null-pointer error, no out-of-memory from a size the file claims). The committed inputs in {@code
 * OnnxReaderFuzzTestInputs} replay as ordinary tests; {@code -Pfuzz} fuzzes.
 */
class OnnxReaderFuzzTest {

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void readsOrRefusesClearly(byte[] bytes) throws IOException {
    try {
      OnnxReader.read(new ByteArrayInputStream(bytes));
    } catch (OnnxFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
