package org.mtl4j.train.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The {@code embeddings} module of BERT, RoBERTa, DistilBERT and ALBERT: the sum of word, position
 * and (where the family has them) token-type embeddings, layer-normalised, then dropout.
 */
final class BertEmbeddings {

  private static final String PREFIX = "embeddings.";

  private BertEmbeddings() {}

  /**
   * Embeds a batch.
   *
   * @param weights the parameter values
   * @param inputIds {@code [batch, sequence]}
   * @param positionIds {@code [batch, sequence]} or {@code [sequence]}
   * @param tokenTypeIds {@code [batch, sequence]}, or null for families without a token-type table
   * @param epsilon the layer-norm epsilon
   * @param dropout the dropout rate
   * @param training whether dropout is active
   * @return {@code [batch, sequence, width]}
   */
  static NDArray embed(
      Weights weights,
      NDArray inputIds,
      NDArray positionIds,
      NDArray tokenTypeIds,
      float epsilon,
      float dropout,
      boolean training) {
    NDArray sum =
        TransformerOps.embed(inputIds, weights.weight(PREFIX + "word_embeddings"))
            .add(TransformerOps.embed(positionIds, weights.weight(PREFIX + "position_embeddings")));
    if (tokenTypeIds != null) {
      sum =
          sum.add(
              TransformerOps.embed(tokenTypeIds, weights.weight(PREFIX + "token_type_embeddings")));
    }
    return TransformerOps.dropout(
        weights.layerNorm(PREFIX + "LayerNorm", sum, epsilon), dropout, training);
  }

  /** Positions {@code 0 .. sequence-1}, {@code [sequence]}, shared by every row. */
  static NDArray absolutePositions(NDArray inputIds) {
    int length = Math.toIntExact(inputIds.getShape().get(1));
    return inputIds.getManager().arange(0, length, 1, DataType.INT64, inputIds.getDevice());
  }
}
