package org.mtl4j.runtime;

/**
 * A tokenized input with everything training's label alignment and serving's decoding need, made by
 * {@link TextTokenizer}. Character offsets are UTF-16 indices into {@link #text()} (Java string
 * positions), whatever the tokenizer counts internally.
 *
 * @param text the text the offsets refer to (the first text of a pair)
 * @param ids token ids, special tokens included
 * @param typeIds segment ids
 * @param wordIds index of the whitespace-separated word each token overlaps (see {@link Words}), -1
 *     for special tokens, second-text tokens and tokens outside every word
 * @param wordStart start offset of each word
 * @param wordEnd end offset (exclusive) of each word
 * @param charStart start offset per token, -1 for special tokens
 * @param charEnd end offset (exclusive) per token, -1 for special tokens
 * @param prefix number of leading special tokens
 * @param suffix number of trailing special tokens
 * @param truncated whether the tokenizer cut the input to its maximum length
 */
public record TokenizedText(
    String text,
    long[] ids,
    long[] typeIds,
    long[] wordIds,
    int[] wordStart,
    int[] wordEnd,
    int[] charStart,
    int[] charEnd,
    int prefix,
    int suffix,
    boolean truncated) {

  /**
   * @return number of tokens
   */
  public int length() {
    return ids.length;
  }

  /**
   * @return number of non-special tokens between prefix and suffix
   */
  public int contentLength() {
    return ids.length - prefix - suffix;
  }
}
