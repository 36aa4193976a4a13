package org.mtl4j.zoo.safetensors;

/** Widening of 16-bit floats (IEEE binary16 and bfloat16) to float, exactly. */
final class HalfFloats {

  private HalfFloats() {}

  /** Exact widening of an IEEE binary16 value (subnormals, infinities and NaN included). */
  static float f16ToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** Exact widening of a bfloat16 value: its bits are the float's upper half. */
  static float bf16ToFloat(short bf16) {
    return Float.intBitsToFloat((bf16 & 0xffff) << 16);
  }
}
