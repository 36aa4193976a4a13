package org.mtl4j.runtime;

import java.util.Arrays;

/**
 * The words of a text as tagging tasks see them: maximal runs of non-whitespace characters, exactly
 * the words a training row joins with single spaces (whatever the tokenizer's own pre-tokenizer
 * splits further, such as BERT's three pieces of {@code it's}). A token belongs to the word its
 * character span overlaps, so a word's first such token carries its tag, as in training.
 *
 * @param start start index of each word into the text (UTF-16)
 * @param end end index (exclusive) of each word
 */
record Words(int[] start, int[] end) {

  /**
   * @param text a text
   * @return its whitespace-separated words in order
   */
  static Words of(String text) {
    int[] start = new int[8];
    int[] end = new int[8];
    int count = 0;
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && whitespace(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      if (i == text.length()) {
        break;
      }
      if (count == start.length) {
        start = Arrays.copyOf(start, count * 2);
        end = Arrays.copyOf(end, count * 2);
      }
      start[count] = i;
      while (i < text.length() && !whitespace(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      end[count++] = i;
    }
    return new Words(Arrays.copyOf(start, count), Arrays.copyOf(end, count));
  }

  /** Unicode white space: Java's whitespace plus the no-break spaces tokenizers also split on. */
  private static boolean whitespace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /**
   * @param tokenStart start offset per token in text order, -1 for tokens outside the text
   * @param tokenEnd end offset per token
   * @return the index of the word each token overlaps, -1 for tokens overlapping none
   */
  long[] assign(int[] tokenStart, int[] tokenEnd) {
    long[] word = new long[tokenStart.length];
    int w = 0;
    for (int t = 0; t < tokenStart.length; t++) {
      word[t] = -1;
      if (tokenStart[t] < 0) {
        continue;
      }
      while (w < start.length && end[w] <= tokenStart[t]) {
        w++;
      }
      if (w < start.length && start[w] < tokenEnd[t]) {
        word[t] = w;
      }
    }
    return word;
  }
}
