package org.mtl4j.export;

import org.mtl4j.zoo.encoder.XLNetConfig;

/**
 * XLNet ({@code XLNetModel}, bidirectional attention, no memory): relative positional encoding,
 * mask penalty and segment matrix are all computed in the graph from the inputs' shape and values,
 * so the graph serves any batch and sequence length. {@code mask_emb} (used only for two-stream
 * pre-training) is not part of the inference graph.
 *
 * @param config the hyper-parameters
 */
record XLNetEmitter(XLNetConfig config) implements EncoderEmitter {

  /** The bias XLNet subtracts from masked attention scores. */
  private static final float MASK_PENALTY = 1e30f;

  @Override
  public EncoderGraph emit(GraphOps ops, GraphInputs in, boolean withPooler) {
    String length = ops.sequenceLength(in.inputIds());
    String h = ops.gather(ops.param("word_embedding.weight"), in.inputIds());
    String positions = relativePositions(ops, length);
    String penalty = maskPenalty(ops, in.attentionMask(), length);
    String segments = segmentDifference(ops, in.tokenTypeIds());
    for (int i = 0; i < config.numLayers(); i++) {
      h = layer(ops, "layer." + i + ".", h, positions, penalty, segments, length);
    }
    return new EncoderGraph(h, null);
  }

  /** Sinusoids of the distances {@code T, T-1, ..., -T+1}, {@code [2T, width]}. */
  private String relativePositions(GraphOps ops, String length) {
    var b = ops.builder();
    String t = ops.cast(length, GraphOps.FLOAT);
    String distances = b.op("Range").in(t, ops.unary("Neg", t), ops.scalar("minus_one", -1f)).out();
    if (config.clampLen() > 0) {
      float clamp = config.clampLen();
      distances =
          b.op("Clip")
              .in(distances, ops.scalar("clamp_min", -clamp), ops.scalar("clamp_max", clamp))
              .out();
    }
    int width = config.hiddenSize();
    float[] exponents = new float[(width + 1) / 2];
    for (int i = 0; i < exponents.length; i++) {
      exponents[i] = (float) (2 * i) / (float) width;
    }
    String exps = ops.floats("frequency_exponents", exponents);
    String frequencies =
        ops.op2(
            "Pow",
            ops.op2("Pow", ops.scalar("ten_thousand", 10000f), exps),
            ops.scalar("minus_one", -1f));
    String angles =
        ops.mul(
            b.op("Unsqueeze").in(distances, ops.longs("axes", 1)).out(),
            b.op("Unsqueeze").in(frequencies, ops.longs("axes", 0)).out());
    return b.op("Concat")
        .in(ops.unary("Sin", angles), ops.unary("Cos", angles))
        .attr("axis", 1L)
        .out();
  }

  /** {@code [batch, 1, T, T]}: the penalty where key {@code j} is padding and not the query. */
  private String maskPenalty(GraphOps ops, String mask, String length) {
    var b = ops.builder();
    String padding = ops.sub(ops.scalar("one", 1f), ops.cast(mask, GraphOps.FLOAT));
    String keys = b.op("Unsqueeze").in(padding, ops.longs("axes", 1, 2)).out();
    String range =
        b.op("Range").in(ops.longScalar("zero", 0), length, ops.longScalar("one", 1)).out();
    String eye =
        ops.cast(
            b.op("Equal")
                .in(
                    b.op("Unsqueeze").in(range, ops.longs("axes", 1)).out(),
                    b.op("Unsqueeze").in(range, ops.longs("axes", 0)).out())
                .out(),
            GraphOps.FLOAT);
    String masked = b.op("Greater").in(ops.sub(keys, eye), ops.scalar("zero_f", 0f)).out();
    return ops.mulScalar(ops.cast(masked, GraphOps.FLOAT), MASK_PENALTY);
  }

  /** {@code [batch, 1, T, T]} of 0/1: whether tokens i and j lie in different segments. */
  private static String segmentDifference(GraphOps ops, String tokenTypeIds) {
    var b = ops.builder();
    String rows = b.op("Unsqueeze").in(tokenTypeIds, ops.longs("axes", 1, 3)).out();
    String columns = b.op("Unsqueeze").in(tokenTypeIds, ops.longs("axes", 1, 2)).out();
    return ops.cast(ops.unary("Not", b.op("Equal").in(rows, columns).out()), GraphOps.FLOAT);
  }

  private String layer(
      GraphOps ops,
      String prefix,
      String h,
      String positions,
      String penalty,
      String segments,
      String length) {
    int d = config.hiddenSize();
    int n = config.numHeads();
    int dh = config.headSize();
    String attn = prefix + "rel_attn.";
    String q = project(ops, h, attn + "q");
    String kT = ops.transpose(project(ops, h, attn + "k"), 0, 1, 3, 2);
    String v = project(ops, h, attn + "v");
    String posKeyT =
        ops.transpose(
            project(
                ops,
                ops.builder().op("Unsqueeze").in(positions, ops.longs("axes", 0)).out(),
                attn + "r"),
            0,
            1,
            3,
            2);
    String content = ops.matMul(biased(ops, q, attn + "r_w_bias"), kT);
    String position =
        shiftRelative(ops, ops.matMul(biased(ops, q, attn + "r_r_bias"), posKeyT), length);
    String segEmbed = ops.transpose(ops.param(attn + "seg_embed"), 1, 2, 0);
    String perSegment = ops.matMul(biased(ops, q, attn + "r_s_bias"), segEmbed);
    String same = slice(ops, perSegment, ops.longs("start", 0), ops.longs("end", 1), 3);
    String different = slice(ops, perSegment, ops.longs("start", 1), ops.longs("end", 2), 3);
    String segment = ops.add(same, ops.mul(ops.sub(different, same), segments));
    String scores =
        ops.sub(
            ops.mulScalar(ops.add(ops.add(content, position), segment), 1f / (float) Math.sqrt(dh)),
            penalty);
    String probabilities = ops.builder().op("Softmax").in(scores).attr("axis", -1L).out();
    String context = ops.mergeHeads(ops.matMul(probabilities, v), d);
    String outputT = ops.transpose(ops.reshape(ops.param(attn + "o"), d, (long) n * dh), 1, 0);
    String x =
        ops.layerNorm(
            attn + "layer_norm", ops.add(h, ops.matMul(context, outputT)), config.layerNormEps());
    String ff = prefix + "ff.";
    String inner = ops.activate(config.activation(), ops.linear(ff + "layer_1", x));
    return ops.layerNorm(
        ff + "layer_norm", ops.add(x, ops.linear(ff + "layer_2", inner)), config.layerNormEps());
  }

  /** {@code [b, T, width]} · {@code [width, heads, size]} to {@code [b, heads, T, size]}. */
  private String project(GraphOps ops, String x, String weight) {
    int d = config.hiddenSize();
    int n = config.numHeads();
    int dh = config.headSize();
    String w = ops.reshape(ops.param(weight), d, (long) n * dh);
    return ops.transpose(ops.reshape(ops.matMul(x, w), 0, 0, n, dh), 0, 2, 1, 3);
  }

  /** Adds a per-head bias {@code [heads, size]} to {@code [b, heads, T, size]}. */
  private String biased(GraphOps ops, String x, String bias) {
    return ops.add(x, ops.reshape(ops.param(bias), 1, config.numHeads(), 1, config.headSize()));
  }

  /**
   * Aligns scores against relative distances {@code [b, heads, T, 2T]} to scores against keys
   * {@code [b, heads, T, T]}: entry {@code (i, j)} takes distance {@code i - j}.
   */
  private static String shiftRelative(GraphOps ops, String scores, String length) {
    var b = ops.builder();
    String t = b.op("Unsqueeze").in(length, ops.longs("axes", 0)).out();
    String swapped =
        b.op("Reshape")
            .in(scores, b.op("Concat").in(ops.longs("dims", 0, 0, -1), t).attr("axis", 0L).out())
            .out();
    String dropped =
        slice(ops, swapped, ops.longs("start", 1), ops.longs("end", Long.MAX_VALUE), 2);
    String back =
        b.op("Reshape")
            .in(
                dropped,
                b.op("Concat")
                    .in(ops.longs("dims", 0, 0), t, ops.longs("dims", -1))
                    .attr("axis", 0L)
                    .out())
            .out();
    return slice(ops, back, ops.longs("start", 0), t, 3);
  }

  private static String slice(GraphOps ops, String x, String starts, String ends, long axis) {
    return ops.builder().op("Slice").in(x, starts, ends, ops.longs("axes", axis)).out();
  }
}
