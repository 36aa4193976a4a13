package org.mtl4j.runtime;

import java.util.ArrayList;
import java.util.List;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * One input, tokenized and cut into model rows, with the tasks to decode for it. Made by {@link
 * MtlModel#tokenize}, consumed by {@link MtlModel#run}; immutable and safe to hand between threads.
 *
 * <p>Long inputs: sentence-level tasks read the first row, which holds the text's first {@code
 * maxLength} tokens (head truncation; pairs are truncated longest-first by the tokenizer). When a
 * token-level task is asked for, a long single text is cut into windows of {@code maxLength} tokens
 * overlapping by half a window, and each token is labelled by the window in which it sits most
 * centrally, so no token goes unlabelled.
 */
public final class TokenizedRequest {

  private final List<TaskSpec> tasks;
  private final boolean keepLogits;
  private final TokenizedText encoded;
  private final List<long[]> rowIds = new ArrayList<>();
  private final List<long[]> rowTypes = new ArrayList<>();
  private final int[] windowStart;
  private final int[] windowOfToken;

  TokenizedRequest(
      List<TaskSpec> tasks,
      boolean keepLogits,
      TokenizedText encoded,
      int maxLength,
      boolean pair) {
    this.tasks = List.copyOf(tasks);
    this.keepLogits = keepLogits;
    this.encoded = encoded;
    boolean windowed = !pair && tasks.stream().anyMatch(t -> t.type().tokenLevel());
    int budget = maxLength - encoded.prefix() - encoded.suffix();
    if (budget < 1) {
      throw new InvalidRequestException(
          "maximum length " + maxLength + " leaves no room beside the special tokens");
    }
    int n = encoded.contentLength();
    if (pair || n <= budget) {
      windowStart = new int[] {0};
      windowOfToken = new int[Math.max(n, 0)];
      addRow(0, n);
    } else if (!windowed) {
      windowStart = new int[] {0};
      windowOfToken = new int[budget];
      addRow(0, budget);
    } else {
      windowStart = windowStarts(n, budget);
      for (int start : windowStart) {
        addRow(start, Math.min(start + budget, n));
      }
      windowOfToken = assign(windowStart, budget, n);
    }
  }

  private static int[] windowStarts(int n, int budget) {
    int stride = Math.max(1, budget / 2);
    List<Integer> starts = new ArrayList<>();
    int start = 0;
    while (true) {
      starts.add(start);
      if (start + budget >= n) {
        break;
      }
      start = Math.min(start + stride, n - budget);
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] assign(int[] starts, int budget, int n) {
    int[] owner = new int[n];
    for (int i = 0; i < n; i++) {
      int best = -1;
      int bestMargin = Integer.MIN_VALUE;
      for (int w = 0; w < starts.length; w++) {
        if (i < starts[w] || i >= starts[w] + budget) {
          continue;
        }
        int margin = Math.min(i - starts[w], starts[w] + budget - 1 - i);
        if (margin > bestMargin) {
          bestMargin = margin;
          best = w;
        }
      }
      owner[i] = best;
    }
    return owner;
  }

  private void addRow(int contentStart, int contentEnd) {
    long[] ids = encoded.ids();
    long[] types = encoded.typeIds();
    int prefix = encoded.prefix();
    int suffix = encoded.suffix();
    int length = prefix + (contentEnd - contentStart) + suffix;
    long[] rowI = new long[length];
    long[] rowT = new long[length];
    System.arraycopy(ids, 0, rowI, 0, prefix);
    System.arraycopy(types, 0, rowT, 0, prefix);
    System.arraycopy(ids, prefix + contentStart, rowI, prefix, contentEnd - contentStart);
    System.arraycopy(types, prefix + contentStart, rowT, prefix, contentEnd - contentStart);
    System.arraycopy(ids, ids.length - suffix, rowI, length - suffix, suffix);
    System.arraycopy(types, ids.length - suffix, rowT, length - suffix, suffix);
    rowIds.add(rowI);
    rowTypes.add(rowT);
  }

  /**
   * @return the tasks to decode, in manifest order
   */
  public List<TaskSpec> tasks() {
    return tasks;
  }

  /**
   * @return whether the prediction keeps its tasks' raw logits ({@link Prediction#logits()})
   */
  public boolean keepLogits() {
    return keepLogits;
  }

  /**
   * @return tokens in the longest row (the padding this request forces on its batch)
   */
  public int length() {
    int max = 0;
    for (long[] row : rowIds) {
      max = Math.max(max, row.length);
    }
    return max;
  }

  /**
   * @return model rows this request needs (more than one for windowed long texts)
   */
  public int rows() {
    return rowIds.size();
  }

  long[] rowIds(int row) {
    return rowIds.get(row);
  }

  long[] rowTypes(int row) {
    return rowTypes.get(row);
  }

  TokenizedText encoded() {
    return encoded;
  }

  /**
   * @param token index into {@link TokenizedText#ids()} of a content token
   * @return the row that labels it
   */
  int rowOfToken(int token) {
    return windowOfToken[token - encoded.prefix()];
  }

  /**
   * @param token index into {@link TokenizedText#ids()} of a content token
   * @return its position inside {@link #rowOfToken(int)}'s row
   */
  int positionOfToken(int token) {
    return token - windowStart[rowOfToken(token)];
  }

  /**
   * @param token index into {@link TokenizedText#ids()}
   * @return whether the token is inside some row (always true when windowed)
   */
  boolean covered(int token) {
    int content = token - encoded.prefix();
    return content >= 0 && content < windowOfToken.length;
  }

  @Override
  public String toString() {
    return "TokenizedRequest[rows="
        + rows()
        + ", length="
        + length()
        + ", tasks="
        + tasks.stream().map(TaskSpec::name).toList()
        + "]";
  }
}
