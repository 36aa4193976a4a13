package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Softmax and span decoding on hand-made inputs. */
class DecodingTest {

  private static List<WordTag> words(String text, String... tags) {
    List<WordTag> out = new ArrayList<>();
    int from = 0;
    String[] parts = text.split(" ");
    for (int i = 0; i < parts.length; i++) {
      int start = text.indexOf(parts[i], from);
      from = start + parts[i].length();
      out.add(new WordTag(parts[i], start, from, tags[i], 0.5 + i * 0.1));
    }
    return out;
  }

  @Test
  void bioTagsBecomeSpansWithOffsetsIntoTheText() {
    String text = "Angela Merkel met Emmanuel in Paris today";
    List<Entity> entities =
        Decoding.entities(text, words(text, "B-PER", "I-PER", "O", "B-PER", "O", "B-LOC", "O"));
    assertThat(entities)
        .extracting(Entity::type, Entity::text, Entity::charStart, Entity::charEnd)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PER", "Angela Merkel", 0, 13),
            org.assertj.core.groups.Tuple.tuple("PER", "Emmanuel", 18, 26),
            org.assertj.core.groups.Tuple.tuple("LOC", "Paris", 30, 35));
    assertThat(entities.get(0).score()).isCloseTo(0.55, within(1e-12));
  }

  @Test
  void strayInsideTagsTypeChangesAndPlainTags() {
    String text = "a b c d e";
    assertThat(Decoding.entities(text, words(text, "I-PER", "I-PER", "I-LOC", "B-LOC", "O")))
        .extracting(Entity::text)
        .containsExactly("a b", "c", "d");
    assertThat(Decoding.entities(text, words(text, "PER", "PER", "O", "LOC", "PER")))
        .extracting(Entity::type, Entity::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PER", "a b"),
            org.assertj.core.groups.Tuple.tuple("LOC", "d"),
            org.assertj.core.groups.Tuple.tuple("PER", "e"));
  }

  @Test
  void softmaxIsStableForLargeLogits() {
    double[] p = Decoding.softmax(new float[] {0, 1000f, 999f, -1000f}, 1, 3);
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
    assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
    assertThat(p[2]).isZero();
  }
}
