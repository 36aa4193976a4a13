package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.mtl4j.zoo.encoder.EncoderConfig;

/**
 * Token batches for the tiny presets: each row is a run of real tokens, padded to the batch length
 * on the family's side with the config's pad id, second half of each row in segment 1.
 */
final class TinyBatches {

  private TinyBatches() {}

  /** Real-token ids of one row, drawn above the special ids. */
  static long[] tokens(EncoderConfig config, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] ids = new long[length];
    for (int i = 0; i < length; i++) {
      ids[i] = random.nextLong(10, config.vocabSize());
    }
    return ids;
  }

  /**
   * The inputs of the given rows padded to {@code length}; padded positions get {@code padFill}
   * (usually the pad id).
   */
  static NDList batch(
      NDManager manager, EncoderConfig config, long[][] rows, int length, long padFill) {
    boolean left = config.family().padLeft();
    long[][] ids = new long[rows.length][length];
    long[][] mask = new long[rows.length][length];
    long[][] types = new long[rows.length][length];
    for (int r = 0; r < rows.length; r++) {
      Arrays.fill(ids[r], padFill);
      int offset = left ? length - rows[r].length : 0;
      for (int i = 0; i < rows[r].length; i++) {
        ids[r][offset + i] = rows[r][i];
        mask[r][offset + i] = 1;
        types[r][offset + i] = i < rows[r].length / 2 ? 0 : 1;
      }
    }
    NDList list = new NDList(manager.create(ids), manager.create(mask));
    if (config.family().usesTokenTypeIds()) {
      list.add(manager.create(types));
    }
    return list;
  }

  /** The hidden states of row {@code row}'s real tokens, {@code [tokens, hidden]}. */
  static NDArray realTokens(NDArray sequence, NDArray mask, int row) {
    long[] m = mask.get(row).toLongArray();
    int first = 0;
    while (m[first] == 0) {
      first++;
    }
    int last = m.length;
    while (m[last - 1] == 0) {
      last--;
    }
    return sequence.get(row + ", " + first + ":" + last + ", :");
  }
}
