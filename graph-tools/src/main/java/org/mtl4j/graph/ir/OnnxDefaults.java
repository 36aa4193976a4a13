package org.mtl4j.graph.ir;

/**
 * The IR version and operator sets mtl4j writes, checked by loading such models in the pinned ONNX
 * Runtime (1.23.2).
 */
public final class OnnxDefaults {

  /** IR version of models mtl4j creates (ONNX 1.16/1.17); ONNX Runtime 1.23 reads up to 11. */
  public static final long IR_VERSION = 10;

  /** The default ONNX domain as written in files and in {@link Node#domain()}: empty. */
  public static final String AI_ONNX = "";

  /** The default domain's explicit name, accepted on read as a synonym of {@link #AI_ONNX}. */
  public static final String AI_ONNX_NAME = "ai.onnx";

  /** ai.onnx opset mtl4j emits: native LayerNormalization, supported everywhere we deploy. */
  public static final long AI_ONNX_OPSET = 17;

  /** The domain of ONNX Runtime's contrib operators (fused attention, layer norms, GELU). */
  public static final String MICROSOFT = "com.microsoft";

  /** The com.microsoft opset version of ONNX Runtime's contrib operators. */
  public static final long MICROSOFT_OPSET = 1;

  private OnnxDefaults() {}

  /**
   * @param domain a domain as stored ({@code ""} for the default)
   * @return the domain for messages: {@code ai.onnx} for the default one
   */
  public static String displayDomain(String domain) {
    return domain.isEmpty() ? AI_ONNX_NAME : domain;
  }

  /**
   * @param domain a domain as written in a file or by a user
   * @return the stored form: {@code ""} for {@code ai.onnx}, otherwise unchanged
   */
  public static String normalizeDomain(String domain) {
    return domain == null || AI_ONNX_NAME.equals(domain) ? AI_ONNX : domain;
  }
}
