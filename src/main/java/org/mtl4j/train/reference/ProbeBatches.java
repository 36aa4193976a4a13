package org.mtl4j.train.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mtl4j.zoo.encoder.EncoderConfig;

/**
 * The shape-coverage batches every reference set holds: batches of 1, 3 and 8 rows, length 1 and
 * the maximum length (one row), mixed real lengths, and rows that are all padding (in the 3- and
 * 8-row batches). Ids are seeded-random tokens (never the padding id), padding follows the family's
 * side, token types split each row's tokens into two segments.
 */
public final class ProbeBatches {

  /**
   * The padded length of the 8-row batch: long enough for mixed lengths and padding, short enough
   * that the gate stays cheap on full-size encoders (the maximum length is covered by the 1-row
   * batch).
   */
  static final int EIGHT_ROW_LENGTH = 32;

  private ProbeBatches() {}

  /**
   * @param config the encoder (vocabulary, padding id and side)
   * @param maxLength the longest sequence the package accepts
   * @param seed the seed of the token ids
   * @return the batches
   */
  public static List<ProbeBatch> standard(EncoderConfig config, int maxLength, long seed) {
    Random random = new Random(seed);
    int mid = Math.max(1, Math.min(7, maxLength));
    List<ProbeBatch> out = new ArrayList<>();
    out.add(make("b1-len1", new int[] {1}, 1, config, random));
    out.add(make("b3-len1", new int[] {1, 1, 0}, 1, config, random));
    out.add(make("b3-len" + mid, new int[] {mid, Math.max(1, mid / 2), 0}, mid, config, random));
    out.add(make("b1-max", new int[] {maxLength}, maxLength, config, random));
    int eight = Math.min(EIGHT_ROW_LENGTH, maxLength);
    int[] lengths = new int[8];
    for (int r = 0; r < lengths.length; r++) {
      lengths[r] = r == 5 ? 0 : Math.max(1, eight - r * Math.max(1, eight / 8));
    }
    out.add(make("b8-len" + eight, lengths, eight, config, random));
    return out;
  }

  /**
   * @param name the batch's name
   * @param lengths real tokens per row (0 for an all-padding row)
   * @param length the padded length
   * @param config the encoder
   * @param random the id source
   * @return the batch
   */
  static ProbeBatch make(
      String name, int[] lengths, int length, EncoderConfig config, Random random) {
    int rows = lengths.length;
    long[][] ids = new long[rows][length];
    long[][] mask = new long[rows][length];
    long[][] types = new long[rows][length];
    boolean left = config.family().padLeft();
    for (int r = 0; r < rows; r++) {
      int real = lengths[r];
      for (int i = 0; i < length; i++) {
        int token = left ? i - (length - real) : i;
        boolean isToken = token >= 0 && token < real;
        ids[r][i] = isToken ? randomToken(config, random) : config.padTokenId();
        mask[r][i] = isToken ? 1 : 0;
        types[r][i] = isToken && token >= (real + 1) / 2 ? 1 : 0;
      }
    }
    return new ProbeBatch(name, ids, mask, types);
  }

  private static long randomToken(EncoderConfig config, Random random) {
    long id;
    do {
      id = random.nextInt(config.vocabSize());
    } while (id == config.padTokenId());
    return id;
  }
}
