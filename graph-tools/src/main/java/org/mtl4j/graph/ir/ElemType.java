package org.mtl4j.graph.ir;

import java.util.Locale;
import org.mtl4j.graph.OnnxFormatException;

/**
 * ONNX tensor element types ({@code TensorProto.DataType}) with their wire codes and widths. {@link
 * #STRING} has no fixed width; the 4-bit types pack two elements per byte.
 */
public enum ElemType {
  /** Not set; never valid on a typed graph input or output. */
  UNDEFINED(0, 0),
  FLOAT(1, 32),
  UINT8(2, 8),
  INT8(3, 8),
  UINT16(4, 16),
  INT16(5, 16),
  INT32(6, 32),
  INT64(7, 64),
  STRING(8, 0),
  BOOL(9, 8),
  FLOAT16(10, 16),
  DOUBLE(11, 64),
  UINT32(12, 32),
  UINT64(13, 64),
  COMPLEX64(14, 64),
  COMPLEX128(15, 128),
  BFLOAT16(16, 16),
  FLOAT8E4M3FN(17, 8),
  FLOAT8E4M3FNUZ(18, 8),
  FLOAT8E5M2(19, 8),
  FLOAT8E5M2FNUZ(20, 8),
  UINT4(21, 4),
  INT4(22, 4),
  FLOAT4E2M1(23, 4);

  private static final ElemType[] BY_CODE = new ElemType[24];

  static {
    for (ElemType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final int bits;

  ElemType(int code, int bits) {
    this.code = code;
    this.bits = bits;
  }

  /**
   * @return the {@code TensorProto.DataType} number
   */
  public int code() {
    return code;
  }

  /**
   * @return bits per element; 0 for {@link #STRING} and {@link #UNDEFINED}
   */
  public int bits() {
    return bits;
  }

  /**
   * @return whether elements have a fixed width, so the tensor can be stored as raw bytes
   */
  public boolean isFixedWidth() {
    return bits > 0;
  }

  /**
   * @param elements element count
   * @return bytes that many elements take as raw little-endian data (4-bit types rounded up)
   * @throws IllegalStateException for {@link #STRING} and {@link #UNDEFINED}
   */
  public long byteSize(long elements) {
    if (!isFixedWidth()) {
      throw new IllegalStateException(this + " has no fixed width");
    }
    return (elements * bits + 7) / 8;
  }

  /**
   * @param code a {@code TensorProto.DataType} number
   * @return the element type
   * @throws OnnxFormatException for a number ONNX does not define (or mtl4j does not know)
   */
  public static ElemType fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length || BY_CODE[code] == null) {
      throw new OnnxFormatException("unknown ONNX element type " + code);
    }
    return BY_CODE[code];
  }

  /**
   * @return the lower-case name ONNX Runtime and the ONNX docs print ({@code float}, {@code int64},
   *     ...)
   */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
