package org.mtl4j.zoo.pkg;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How inputs are tokenized: the tokenizer file, the maximum length, and the facts parsed from the
 * file once ({@link TokenizerFacts}) that decide how batches are padded. Manifests of format 1
 * carry no parsed facts ({@code idCount}, {@code padId}, {@code padTypeId} and {@code
 * specialTokens} are null); {@link #facts} then parses them from the tokenizer file.
 *
 * @param file the HuggingFace tokenizer file inside the package, normally {@code tokenizer.json}
 * @param maxLength maximum sequence length in tokens, special tokens included
 * @param lowercase whether the tokenizer lowercases (tokenizer.json decides)
 * @param padLeft true when padding goes before the tokens (XLNet)
 * @param idCount one more than the largest id the tokenizer emits; null in format 1
 * @param padId the id at padding positions of {@code input_ids}; null in format 1
 * @param padTypeId the id at padding positions of {@code token_type_ids}; null in format 1
 * @param specialTokens the tokenizer's special tokens; null in format 1
 */
public record TokenizerInfo(
    String file,
    int maxLength,
    boolean lowercase,
    boolean padLeft,
    Long idCount,
    Long padId,
    Long padTypeId,
    List<String> specialTokens) {

  /** Validates the values. */
  public TokenizerInfo {
    Objects.requireNonNull(file, "tokenizer file");
    if (maxLength < 1) {
      throw new IllegalArgumentException("tokenizer maxLength must be positive, was " + maxLength);
    }
    specialTokens = specialTokens == null ? null : List.copyOf(specialTokens);
  }

  /**
   * A record without parsed facts, as format 1 wrote it.
   *
   * @param file the tokenizer file
   * @param maxLength maximum sequence length
   * @param lowercase whether the tokenizer lowercases
   * @param padLeft whether padding goes before the tokens
   */
  public TokenizerInfo(String file, int maxLength, boolean lowercase, boolean padLeft) {
    this(file, maxLength, lowercase, padLeft, null, null, null, null);
  }

  /**
   * @param file the tokenizer file
   * @param maxLength maximum sequence length
   * @param facts the facts parsed from the file
   * @return the record carrying them
   */
  public static TokenizerInfo of(String file, int maxLength, TokenizerFacts facts) {
    return new TokenizerInfo(
        file,
        maxLength,
        facts.lowercase(),
        facts.padLeft(),
        facts.idCount(),
        facts.padId(),
        facts.padTypeId(),
        facts.specialTokens());
  }

  /**
   * @return whether the record carries parsed facts (format 2 and later)
   */
  public boolean hasFacts() {
    return idCount != null && padId != null && padTypeId != null && specialTokens != null;
  }

  /**
   * The tokenizer facts: those the record carries, or, for a format-1 record, those parsed from the
   * tokenizer file (keeping the record's padding side, which format 1 fixed per family).
   *
   * @param tokenizerJson supplies the tokenizer.json text when the record carries no facts
   * @param source where the tokenizer came from, for messages
   * @return the facts
   */
  public TokenizerFacts facts(Supplier<String> tokenizerJson, String source) {
    if (hasFacts()) {
      return new TokenizerFacts(idCount, padId, padTypeId, padLeft, lowercase, true, specialTokens);
    }
    return TokenizerFacts.parse(tokenizerJson.get(), source, padLeft);
  }
}
