package org.mtl4j.runtime;

import java.util.Objects;

/**
 * One input to predict on: a single text, or a sentence pair when {@code textB} is non-null.
 *
 * @param text the (first) text
 * @param textB the second text of a pair, or null for a single text
 */
public record ModelInput(String text, String textB) {

  /** Validates the values. */
  public ModelInput {
    Objects.requireNonNull(text, "text");
  }

  /**
   * @param text a text
   * @return a single-text input
   */
  public static ModelInput of(String text) {
    return new ModelInput(text, null);
  }

  /**
   * @param a the first text
   * @param b the second text
   * @return a sentence-pair input
   */
  public static ModelInput pair(String a, String b) {
    return new ModelInput(a, Objects.requireNonNull(b, "second text of pair"));
  }

  /**
   * @return true for a sentence pair
   */
  public boolean isPair() {
    return textB != null;
  }
}
