package org.mtl4j.train.data.corpus;

import java.util.List;

/**
 * A tagged sentence: its words, one BIO tag per word, and its intent when the corpus has one.
 *
 * @param words the words
 * @param tags one tag per word ({@code O}, {@code B-type}, {@code I-type})
 * @param intent the sentence's intent, or null for corpora without intents (CoNLL)
 */
public record Utterance(List<String> words, List<String> tags, String intent) {

  /** Copies the lists and requires at least one word and one tag per word. */
  public Utterance {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    if (words.isEmpty() || words.size() != tags.size()) {
      throw new IllegalArgumentException(
          "an utterance needs at least one word and one tag per word: " + words + " " + tags);
    }
  }

  /**
   * @return the words joined by single spaces
   */
  public String text() {
    return String.join(" ", words);
  }
}
