package org.mtl4j.zoo.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mtl4j.zoo.ModelFormatException;

/**
 * Fuzzes the tokenizer.json facts parser: any text either gives facts with a non-negative id count,
 * pad id and pad type id, or is refused with a {@link ModelFormatException} naming the source. The
 * last input byte picks the family's padding side.
 */
class TokenizerFactsFuzzTest {

  @FuzzTest(maxDuration = "2h", maxExecutions = 1_000_000)
  void parsesOrRefusesClearly(FuzzedDataProvider data) {
    boolean padLeft = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    try {
      TokenizerFacts facts = TokenizerFacts.parse(text, "fuzzed tokenizer.json", padLeft);
      assertThat(facts.idCount()).isNotNegative();
      assertThat(facts.padId()).isNotNegative();
      assertThat(facts.padTypeId()).isNotNegative();
      assertThat(facts.specialTokens()).doesNotContainNull();
    } catch (ModelFormatException e) {
      assertThat(e.getMessage()).startsWith("fuzzed tokenizer.json");
    }
  }
}
