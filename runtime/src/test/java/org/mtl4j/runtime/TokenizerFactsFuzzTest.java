package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the tokenizer.json facts parser: any text either gives facts with a non-negative id
 * count and pad id, or is refused with a {@link ModelLoadException} naming the source.
 */
class TokenizerFactsFuzzTest {

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void parsesOrRefusesClearly(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    try {
      TokenizerFacts facts = TokenizerFacts.parse(text, "fuzzed tokenizer.json");
      assertThat(facts.idCount()).isNotNegative();
      assertThat(facts.padId()).isNotNegative();
    } catch (ModelLoadException e) {
      assertThat(e.getMessage()).startsWith("fuzzed tokenizer.json");
    }
  }
}
