package org.mtl4j.zoo.pkg;

import java.util.Objects;

/**
 * How inputs are tokenized.
 *
 * @param file the HuggingFace tokenizer file inside the package, normally {@code tokenizer.json}
 * @param maxLength maximum sequence length in tokens, special tokens included
 * @param lowercase whether the tokenizer lowercases (informational; tokenizer.json decides)
 * @param padLeft true for families padded on the left (XLNet)
 */
public record TokenizerInfo(String file, int maxLength, boolean lowercase, boolean padLeft) {

  /** Validates the values. */
  public TokenizerInfo {
    Objects.requireNonNull(file, "tokenizer file");
    if (maxLength < 1) {
      throw new IllegalArgumentException("tokenizer maxLength must be positive, was " + maxLength);
    }
  }
}
