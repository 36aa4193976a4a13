package org.mtl4j.runtime;

/**
 * Model inputs padded to one length, flattened row by row: what {@link BatchPacker} builds and
 * {@link InferenceSession} runs. Training feeds the same arrays to its encoder blocks.
 *
 * @param rows the number of rows, rows of padding only included
 * @param length the padded length
 * @param inputIds {@code [rows·length]} token ids, the pad id at padding
 * @param attentionMask {@code [rows·length]} 1 for tokens, 0 for padding
 * @param tokenTypeIds {@code [rows·length]} segment ids, the pad type id at padding
 * @param offsets where each packed (not padding-only) row's first token sits (non-zero when padding
 *     on the left)
 */
public record PackedBatch(
    int rows,
    int length,
    long[] inputIds,
    long[] attentionMask,
    long[] tokenTypeIds,
    int[] offsets) {

  /**
   * @param values one of this batch's flat arrays
   * @return it as {@code [rows][length]}
   */
  public long[][] rowsOf(long[] values) {
    long[][] out = new long[rows][length];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(values, r * length, out[r], 0, length);
    }
    return out;
  }
}
