package org.mtl4j.metrics.parity;

import java.util.Arrays;
import java.util.Objects;

/**
 * The attention mask of the inputs that produced a set of outputs, {@code [batch, sequence]}; a
 * non-zero value marks a real token, zero a padding position. Token outputs ({@code [batch,
 * sequence, tags]}) have their padding positions left out of argmax agreement.
 *
 * @param batch rows
 * @param sequence positions per row
 * @param values {@code batch * sequence} values, row-major
 */
public record AttentionMask(int batch, int sequence, long[] values) {

  /** Checks that the values fill the shape. */
  public AttentionMask {
    Objects.requireNonNull(values, "values");
    if (batch < 0 || sequence < 0 || (long) batch * sequence != values.length) {
      throw new IllegalArgumentException(
          "attention mask ["
              + batch
              + ", "
              + sequence
              + "] needs "
              + (long) batch * sequence
              + " values but "
              + values.length
              + " were given");
    }
  }

  /**
   * @param rows one array per batch row, all of the same length
   * @return the mask
   */
  public static AttentionMask of(long[][] rows) {
    int sequence = rows.length == 0 ? 0 : rows[0].length;
    long[] values = new long[rows.length * sequence];
    for (int b = 0; b < rows.length; b++) {
      if (rows[b].length != sequence) {
        throw new IllegalArgumentException(
            "attention mask row "
                + b
                + " has "
                + rows[b].length
                + " values, row 0 has "
                + sequence);
      }
      System.arraycopy(rows[b], 0, values, b * sequence, sequence);
    }
    return new AttentionMask(rows.length, sequence, values);
  }

  /**
   * @param row batch row
   * @param position position in the row
   * @return whether the position holds a real token
   */
  public boolean isToken(long row, long position) {
    return values[(int) (row * sequence + position)] != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttentionMask m
        && batch == m.batch
        && sequence == m.sequence
        && Arrays.equals(values, m.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(batch, sequence, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "AttentionMask[" + batch + ", " + sequence + "]";
  }
}
