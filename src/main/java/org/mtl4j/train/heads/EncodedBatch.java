package org.mtl4j.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mtl4j.train.encoder.EncoderBlock;

/**
 * The encoder's outputs for one batch, from which every head reads.
 *
 * @param block the encoder that produced them (it knows the family's sentence vector)
 * @param outputs {@code last_hidden_state}, then {@code pooler_output} where there is a pooler
 */
public record EncodedBatch(EncoderBlock block, NDList outputs) {

  /**
   * @return {@code last_hidden_state}, {@code [batch, sequence, hidden]}
   */
  public NDArray sequence() {
    return outputs.get(0);
  }

  /**
   * @return the family's sentence vector, {@code [batch, hidden]} ({@link
   *     EncoderBlock#sentenceVector(NDList)})
   */
  public NDArray sentenceVector() {
    return block.sentenceVector(outputs);
  }
}
