package org.mtl4j.zoo.encoder;

import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of XLNet (transformers' {@code XLNetConfig}). mtl4j computes the content stream
 * with bidirectional relative attention ({@code attn_type "bi"}), without memory; {@code mem_len},
 * {@code reuse_len}, {@code bi_data}, {@code clamp_len} and {@code same_length} are kept so that a
 * config round-trips and the computation can honour them.
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code d_model}
 * @param numLayers {@code n_layer}
 * @param numHeads {@code n_head}; {@code d_head = d_model / n_head}
 * @param intermediateSize {@code d_inner}
 * @param activation {@code ff_activation}
 * @param untieR {@code untie_r} (transformers keeps per-layer biases either way)
 * @param biData {@code bi_data}
 * @param clampLen {@code clamp_len}; negative means no clamping
 * @param sameLength {@code same_length}
 * @param memLen {@code mem_len}, null when absent
 * @param reuseLen {@code reuse_len}, null when absent
 * @param layerNormEps {@code layer_norm_eps}
 * @param padTokenId {@code pad_token_id}
 * @param hiddenDropout {@code dropout} (also applied to attention probabilities)
 * @param initializerRange {@code initializer_range}
 */
public record XLNetConfig(
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int intermediateSize,
    Activation activation,
    boolean untieR,
    boolean biData,
    int clampLen,
    boolean sameLength,
    Integer memLen,
    Integer reuseLen,
    double layerNormEps,
    int padTokenId,
    double hiddenDropout,
    double initializerRange)
    implements EncoderConfig {

  /** Rows of XLNet's segment embedding: "same segment" and "different segment". */
  public static final int SEGMENT_CLASSES = 2;

  /** The sequence length XLNet was pretrained with, used as its maximum input length. */
  public static final int PRETRAINING_LENGTH = 512;

  /** Validates the values. */
  public XLNetConfig {
    Objects.requireNonNull(activation, "ff_activation");
    ConfigChecks.positive("vocab_size", vocabSize);
    ConfigChecks.heads("d_model", hiddenSize, "n_head", numHeads);
    ConfigChecks.positive("n_layer", numLayers);
    ConfigChecks.positive("d_inner", intermediateSize);
    ConfigChecks.epsilon(layerNormEps);
    ConfigChecks.padId(padTokenId, vocabSize);
    ConfigChecks.probability("dropout", hiddenDropout);
    ConfigChecks.positiveReal("initializer_range", initializerRange);
    if (memLen != null && memLen < 0) {
      throw new IllegalArgumentException("mem_len must not be negative, was " + memLen);
    }
    if (reuseLen != null && reuseLen < 0) {
      throw new IllegalArgumentException("reuse_len must not be negative, was " + reuseLen);
    }
  }

  @Override
  public EncoderFamily family() {
    return EncoderFamily.XLNET;
  }

  @Override
  public double attentionDropout() {
    return hiddenDropout;
  }

  @Override
  public int maxSequenceLength() {
    return PRETRAINING_LENGTH;
  }

  @Override
  public List<ParameterSpec> parameters(boolean withPooler) {
    long d = hiddenSize;
    long n = numHeads;
    long dh = headSize();
    ParameterListBuilder b =
        new ParameterListBuilder()
            .add("mask_emb", ParameterKind.OTHER, 1, 1, d)
            .embedding("word_embedding.weight", vocabSize, d);
    for (int i = 0; i < numLayers; i++) {
      String a = "layer." + i + ".rel_attn.";
      for (String p : List.of("q", "k", "v", "o", "r")) {
        b.add(a + p, ParameterKind.OTHER, d, n, dh);
      }
      for (String p : List.of("r_r_bias", "r_s_bias", "r_w_bias")) {
        b.add(a + p, ParameterKind.OTHER, n, dh);
      }
      b.add(a + "seg_embed", ParameterKind.OTHER, SEGMENT_CLASSES, n, dh).norm(a + "layer_norm", d);
      String f = "layer." + i + ".ff.";
      b.norm(f + "layer_norm", d)
          .linear(f + "layer_1", d, intermediateSize)
          .linear(f + "layer_2", intermediateSize, d);
    }
    return b.build();
  }
}
