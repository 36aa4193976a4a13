package org.mtl4j.train.data;

import java.util.List;

/**
 * A padded batch of one task's examples as flat row-major arrays, ready to become tensors.
 *
 * <p>{@code inputIds}, {@code typeIds} and {@code attentionMask} have shape {@code [size, length]}.
 * {@code labels} has shape {@link #labelShape()}: {@code [size]} class indices for classification,
 * {@code [size, length]} tag indices for NER ({@link ExampleTokenizer#IGNORE_INDEX} at pads,
 * special tokens and non-first sub-tokens), {@code [size, classes]} 0/1 targets for multi-label
 * classification.
 *
 * @param task the task's name
 * @param examples the encoded examples, in row order
 * @param length the padded length: the longest row's token count
 * @param inputIds token ids, pad id at pads
 * @param typeIds token type ids, the pad type id at pads
 * @param attentionMask 1 at tokens, 0 at pads
 * @param labels the labels described above
 * @param labelShape the shape of {@code labels}
 * @param offsets per row, the number of pads before its first token (0 unless padded left); a token
 *     at position {@code p} of the example sits at column {@code offsets[row] + p}
 */
public record Batch(
    String task,
    List<TokenizedExample> examples,
    int length,
    long[] inputIds,
    long[] typeIds,
    long[] attentionMask,
    long[] labels,
    long[] labelShape,
    int[] offsets) {

  /** Copies the example list. */
  public Batch {
    examples = List.copyOf(examples);
  }

  /**
   * @return the number of rows
   */
  public int size() {
    return examples.size();
  }

  /**
   * @return the shape of the token arrays, {@code [size, length]}
   */
  public long[] shape() {
    return new long[] {size(), length};
  }

  /**
   * Where each word of an NER row sits in the batch, for reading its predicted tag.
   *
   * @param row a row index
   * @return per word, the column of its first sub-token, or -1 when it has none (truncated)
   */
  public int[] wordColumns(int row) {
    int[] starts = examples.get(row).wordStarts();
    int[] columns = new int[starts.length];
    for (int w = 0; w < starts.length; w++) {
      columns[w] = starts[w] < 0 ? -1 : offsets[row] + starts[w];
    }
    return columns;
  }
}
