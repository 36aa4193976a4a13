package org.mtl4j.train.encoder;

import java.util.Objects;

/**
 * One input of an encoder: a text, or a pair of texts for sentence-pair tasks.
 *
 * @param text the first (or only) text
 * @param textB the second text of a pair, or null
 */
public record TextInput(String text, String textB) {

  /** Checks that the first text is there. */
  public TextInput {
    Objects.requireNonNull(text, "text");
  }

  /**
   * @param text a single text
   * @return the input
   */
  public static TextInput of(String text) {
    return new TextInput(text, null);
  }

  /**
   * @return whether this input is a pair
   */
  public boolean isPair() {
    return textB != null;
  }
}
