package org.mtl4j.runtime;

import java.util.Arrays;
import java.util.List;
import org.mtl4j.zoo.pkg.TokenizerFacts;

/**
 * Pads token rows into one {@link PackedBatch} as the tokenizer pads: its pad id in {@code
 * input_ids}, its pad type id in {@code token_type_ids} (3 for XLNet, as HuggingFace pads), on its
 * side. The one batch packer of mtl4j: training batches, reference probes, the parity gate's
 * inputs, {@code mtl forward} and serving all pad here. Immutable and thread-safe.
 *
 * @param padId the id at padding positions of {@code input_ids}
 * @param padTypeId the id at padding positions of {@code token_type_ids}
 * @param padLeft whether padding goes before the tokens (XLNet)
 */
public record BatchPacker(long padId, long padTypeId, boolean padLeft) {

  /**
   * @param facts the tokenizer's facts
   * @return the packer that pads as the tokenizer does
   */
  public static BatchPacker of(TokenizerFacts facts) {
    return new BatchPacker(facts.padId(), facts.padTypeId(), facts.padLeft());
  }

  /**
   * Pads rows to the longest of them.
   *
   * @param ids token ids per row, at least one row
   * @param typeIds segment ids per row, each as long as its ids
   * @param paddingRows how many rows of padding only to append (attention mask all zero)
   * @return the batch
   */
  public PackedBatch pack(List<long[]> ids, List<long[]> typeIds, int paddingRows) {
    return pack(ids, typeIds, paddingRows, ids.stream().mapToInt(r -> r.length).max().orElse(1));
  }

  /**
   * Pads rows to a given length.
   *
   * @param ids token ids per row
   * @param typeIds segment ids per row, each as long as its ids
   * @param paddingRows how many rows of padding only to append
   * @param length the padded length, at least the longest row
   * @return the batch
   * @throws IllegalArgumentException when a row is longer than the length or the lists differ
   */
  public PackedBatch pack(List<long[]> ids, List<long[]> typeIds, int paddingRows, int length) {
    if (ids.size() != typeIds.size()) {
      throw new IllegalArgumentException(
          ids.size() + " rows of ids but " + typeIds.size() + " of type ids");
    }
    int rows = ids.size() + paddingRows;
    long[] packedIds = new long[rows * length];
    long[] packedTypes = new long[rows * length];
    long[] mask = new long[rows * length];
    Arrays.fill(packedIds, padId);
    Arrays.fill(packedTypes, padTypeId);
    int[] offsets = new int[ids.size()];
    for (int r = 0; r < ids.size(); r++) {
      long[] row = ids.get(r);
      if (row.length > length || typeIds.get(r).length != row.length) {
        throw new IllegalArgumentException(
            "row "
                + r
                + " has "
                + row.length
                + " ids and "
                + typeIds.get(r).length
                + " type ids; the batch is "
                + length
                + " long");
      }
      offsets[r] = padLeft ? length - row.length : 0;
      int at = r * length + offsets[r];
      System.arraycopy(row, 0, packedIds, at, row.length);
      System.arraycopy(typeIds.get(r), 0, packedTypes, at, row.length);
      Arrays.fill(mask, at, at + row.length, 1L);
    }
    return new PackedBatch(rows, length, packedIds, mask, packedTypes, offsets);
  }
}
