package org.mtl4j.runtime;

import java.util.List;

/**
 * A token-tagging (NER, slot filling) result.
 *
 * @param entities spans decoded from the word tags (BIO scheme; untagged words are {@code O})
 * @param tags one tag per word, in text order
 */
public record TaggingResult(List<Entity> entities, List<WordTag> tags) implements TaskResult {

  /** Copies the lists. */
  public TaggingResult {
    entities = List.copyOf(entities);
    tags = List.copyOf(tags);
  }
}
