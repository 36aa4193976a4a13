package org.mtl4j.export;

import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The smallest cosine similarity between matching rows of two outputs: the last axis of a {@code
 * [batch, sequence, width]} output at real-token positions, or of a {@code [batch, width]} output
 * for rows with at least one real token.
 *
 * @param cosine the smallest similarity
 * @param row where it was found, {@code output[batch, position]}
 */
record RowCosine(double cosine, String row) {

  static final RowCosine NONE = new RowCosine(1.0, "-");

  RowCosine min(RowCosine other) {
    return other.cosine < cosine ? other : this;
  }

  static RowCosine worst(String name, FloatTensor reference, FloatTensor candidate, long[][] mask) {
    if (candidate == null) {
      return new RowCosine(Double.NEGATIVE_INFINITY, name + " (missing)");
    }
    long[] shape = reference.shape();
    int width = (int) shape[shape.length - 1];
    int positions = shape.length == 3 ? (int) shape[1] : 1;
    RowCosine worst = NONE;
    for (int b = 0; b < shape[0]; b++) {
      for (int s = 0; s < positions; s++) {
        boolean real = shape.length == 3 ? mask[b][s] != 0 : anyToken(mask[b]);
        if (!real) {
          continue;
        }
        int offset = (b * positions + s) * width;
        double c = cosine(reference.data(), candidate.data(), offset, width);
        if (c < worst.cosine) {
          worst = new RowCosine(c, name + "[" + b + (shape.length == 3 ? ", " + s : "") + "]");
        }
      }
    }
    return worst;
  }

  private static boolean anyToken(long[] row) {
    for (long v : row) {
      if (v != 0) {
        return true;
      }
    }
    return false;
  }

  private static double cosine(float[] a, float[] b, int offset, int n) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = offset; i < offset + n; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 && nb == 0) {
      return 1.0;
    }
    return dot / Math.sqrt(na * nb);
  }
}
