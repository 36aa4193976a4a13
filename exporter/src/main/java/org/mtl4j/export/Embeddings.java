package org.mtl4j.export;

/**
 * The {@code embeddings} module of BERT, RoBERTa, DistilBERT and ALBERT: word plus position plus
 * (where the family has them) token-type embeddings, layer-normalised.
 */
final class Embeddings {

  private static final String PREFIX = "embeddings.";

  private Embeddings() {}

  /**
   * @param ops the graph
   * @param inputIds {@code [batch, sequence]}
   * @param positionIds {@code [batch, sequence]} or {@code [sequence]} int64
   * @param tokenTypeIds {@code [batch, sequence]} int64, a scalar (one row for every token), or
   *     null for families without a token-type table
   * @param epsilon the layer-norm epsilon
   * @return {@code [batch, sequence, width]}
   */
  static String emit(
      GraphOps ops, String inputIds, String positionIds, String tokenTypeIds, double epsilon) {
    String sum =
        ops.add(
            ops.gather(ops.param(PREFIX + "word_embeddings.weight"), inputIds),
            ops.gather(ops.param(PREFIX + "position_embeddings.weight"), positionIds));
    if (tokenTypeIds != null) {
      sum =
          ops.add(
              sum, ops.gather(ops.param(PREFIX + "token_type_embeddings.weight"), tokenTypeIds));
    }
    return ops.layerNorm(PREFIX + "LayerNorm", sum, epsilon);
  }

  /** Positions {@code 0 .. sequence-1}, {@code [sequence]}, computed from the input's shape. */
  static String absolutePositions(GraphOps ops, String inputIds) {
    return ops.builder()
        .op("Range")
        .in(ops.longScalar("zero", 0), ops.sequenceLength(inputIds), ops.longScalar("one", 1))
        .out();
  }

  /**
   * RoBERTa's positions from the attention mask: {@code cumsum(mask) * mask + pad}, so real tokens
   * count {@code pad+1, pad+2, ...} and padding stays at {@code pad}.
   */
  static String paddingOffsetPositions(GraphOps ops, String attentionMask, long padTokenId) {
    String cumsum = ops.builder().op("CumSum").in(attentionMask, ops.longScalar("axis", 1)).out();
    return ops.add(ops.mul(cumsum, attentionMask), ops.longScalar("pad", padTokenId));
  }
}
