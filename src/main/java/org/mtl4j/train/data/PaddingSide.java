package org.mtl4j.train.data;

/** Which end of a sequence padding goes to: right for most families, left for XLNet. */
public enum PaddingSide {
  /** Pads after the tokens; token i sits at position i. */
  RIGHT,
  /** Pads before the tokens, so the last token (XLNet's {@code <cls>}) ends every row. */
  LEFT
}
