package org.mtl4j.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListLiteralTest {

  @Test
  void readsPythonQuotingAndEscapes() {
    assertThat(ListLiteral.parse("['B-x', \"it's\", 'a\\'b', 'back\\\\slash', '\\x41\\u00e9']"))
        .containsExactly("B-x", "it's", "a'b", "back\\slash", "Aé");
    assertThat(ListLiteral.parse(" [ ] ")).isEmpty();
    assertThat(ListLiteral.parse("['a',]")).containsExactly("a");
    assertThat(ListLiteral.parse("['tab\\there', 'keep\\d']")).containsExactly("tab\there", "keep\\d");
  }

  @Test
  void formatRoundTrips() {
    List<String> items = List.of("plain", "it's", "say \"hi\"", "back\\slash", "tab\tin", "é");
    String literal = ListLiteral.format(items);
    assertThat(literal).doesNotContain("\t");
    assertThat(ListLiteral.parse(literal)).isEqualTo(items);
  }

  @Test
  void reportsWhereTheLiteralBreaks() {
    assertThatThrownBy(() -> ListLiteral.parse("['a' 'b']"))
        .hasMessageStartingWith("bad list literal at character 6: expected ',' or ']'");
    assertThatThrownBy(() -> ListLiteral.parse("['a', 'b"))
        .hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> ListLiteral.parse("[a, b]"))
        .hasMessageContaining("expected a quoted string");
    assertThatThrownBy(() -> ListLiteral.parse("B-x O"))
        .hasMessageContaining("expected '['");
    assertThatThrownBy(() -> ListLiteral.parse("['a'] x"))
        .hasMessageContaining("unexpected text after ']'");
  }
}
