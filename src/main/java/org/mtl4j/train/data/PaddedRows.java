package org.mtl4j.train.data;

import java.util.Arrays;
import java.util.List;

/**
 * Encoded rows padded to the longest of them, flattened row by row: the encoder inputs of a batch
 * without its labels.
 *
 * @param rows the number of rows, padding-only rows included
 * @param length the padded length
 * @param inputIds {@code [rows·length]} token ids, the pad id at padding
 * @param typeIds {@code [rows·length]} segment ids, the pad type id at padding
 * @param attentionMask {@code [rows·length]} 1 for tokens, 0 for padding
 * @param offsets where each example's first token sits in its row (non-zero when padding left)
 */
public record PaddedRows(
    int rows, int length, long[] inputIds, long[] typeIds, long[] attentionMask, int[] offsets) {

  /**
   * Pads examples to the longest, on the padding's side, then appends rows of padding only.
   *
   * @param examples one or more encoded examples
   * @param paddingRows how many all-padding rows to append (attention mask all zero)
   * @param padding pad ids and side
   * @return the padded rows
   */
  public static PaddedRows of(List<EncodedExample> examples, int paddingRows, Padding padding) {
    int rows = examples.size() + paddingRows;
    int length = examples.stream().mapToInt(EncodedExample::length).max().orElseThrow();
    long[] ids = new long[rows * length];
    long[] types = new long[rows * length];
    long[] mask = new long[rows * length];
    Arrays.fill(ids, padding.padId());
    Arrays.fill(types, padding.padTypeId());
    int[] offsets = new int[examples.size()];
    for (int r = 0; r < examples.size(); r++) {
      EncodedExample e = examples.get(r);
      offsets[r] = padding.side() == PaddingSide.LEFT ? length - e.length() : 0;
      int at = r * length + offsets[r];
      System.arraycopy(e.inputIds(), 0, ids, at, e.length());
      System.arraycopy(e.typeIds(), 0, types, at, e.length());
      Arrays.fill(mask, at, at + e.length(), 1L);
    }
    return new PaddedRows(rows, length, ids, types, mask, offsets);
  }
}
