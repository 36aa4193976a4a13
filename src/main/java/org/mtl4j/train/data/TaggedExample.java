package org.mtl4j.train.data;

import java.util.List;

/**
 * A token-tagging (NER) row: one tag per word.
 *
 * @param uid the row's id
 * @param line the row's 1-based line
 * @param words the words, as split in the file
 * @param tags one tag index per word
 */
public record TaggedExample(String uid, int line, List<String> words, List<Integer> tags)
    implements Example {

  /** Copies the lists and requires one tag per word. */
  public TaggedExample {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    if (words.size() != tags.size()) {
      throw new IllegalArgumentException(
          "row " + uid + ": " + words.size() + " words but " + tags.size() + " tags");
    }
  }
}
