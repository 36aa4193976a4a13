package org.mtl4j.train.data;

/**
 * One example after tokenization, unpadded, with the tokenizer's special tokens in place.
 *
 * <p>{@code labels} depends on the task type: classification holds the class index (length 1);
 * multi-label holds the label indices (any length, the collator makes them multi-hot); NER holds
 * one entry per token, the word's tag on its first sub-token and {@link
 * ExampleTokenizer#IGNORE_INDEX} on every other sub-token and special token.
 *
 * @param source the example it came from
 * @param inputIds token ids
 * @param typeIds token type (segment) ids, as the tokenizer's template assigns them
 * @param labels the label entries described above
 * @param wordStarts NER only: per word, the position of its first sub-token, or -1 when truncation
 *     (or a word that tokenizes to nothing) left it without one; empty for other task types
 * @param truncated true when the text was longer than the maximum sequence length
 */
public record TokenizedExample(
    Example source,
    long[] inputIds,
    long[] typeIds,
    long[] labels,
    int[] wordStarts,
    boolean truncated) {

  /**
   * @return the number of tokens
   */
  public int length() {
    return inputIds.length;
  }
}
