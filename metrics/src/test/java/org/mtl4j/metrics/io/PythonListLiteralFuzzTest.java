package org.mtl4j.metrics.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link PythonListLiteral}: any text either parses or is refused with an {@link
 * IllegalArgumentException} naming the position; and every list of strings survives {@code format}
 * then {@code parse} unchanged.
 */
class PythonListLiteralFuzzTest {

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void parsesOrRefusesClearlyAndRoundTrips(FuzzedDataProvider data) {
    int count = data.consumeInt(0, 8);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(data.consumeString(16));
    }
    assertThat(PythonListLiteral.parse(PythonListLiteral.format(items))).isEqualTo(items);
    String text = data.consumeRemainingAsString();
    try {
      PythonListLiteral.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getClass()).isEqualTo(IllegalArgumentException.class);
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
