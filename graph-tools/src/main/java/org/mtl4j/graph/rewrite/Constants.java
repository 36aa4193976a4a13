package org.mtl4j.graph.rewrite;

import java.nio.ByteBuffer;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Tensor;

/** Reads the numbers of constant tensors of any numeric element type. */
public final class Constants {

  private Constants() {}

  /**
   * @param t a numeric tensor (float, double, float16, signed or unsigned integers, bool)
   * @return its elements as doubles, row-major
   * @throws IllegalArgumentException for other element types
   */
  public static double[] doubles(Tensor t) {
    int n = (int) t.elementCount();
    double[] out = new double[n];
    ByteBuffer b = t.bytes();
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (t.elemType()) {
            case FLOAT -> b.getFloat(i * 4);
            case DOUBLE -> b.getDouble(i * 8);
            case FLOAT16 -> halfToFloat(b.getShort(i * 2));
            case INT64 -> b.getLong(i * 8);
            case INT32 -> b.getInt(i * 4);
            case UINT32 -> Integer.toUnsignedLong(b.getInt(i * 4));
            case INT16 -> b.getShort(i * 2);
            case UINT16 -> Short.toUnsignedInt(b.getShort(i * 2));
            case INT8 -> b.get(i);
            case UINT8, BOOL -> Byte.toUnsignedInt(b.get(i));
            default ->
                throw new IllegalArgumentException(
                    "tensor '"
                        + t.name()
                        + "' of "
                        + t.elemType().displayName()
                        + " is not numeric");
          };
    }
    return out;
  }

  /**
   * @param t a numeric tensor
   * @return its elements as int64, row-major (floats truncated)
   */
  public static long[] longs(Tensor t) {
    if (t.elemType() == ElemType.INT64) {
      return t.toLongArray();
    }
    double[] d = doubles(t);
    long[] out = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (long) d[i];
    }
    return out;
  }

  /**
   * @param t a numeric tensor
   * @return its elements as float32, row-major
   */
  public static float[] floats(Tensor t) {
    if (t.elemType() == ElemType.FLOAT) {
      return t.toFloatArray();
    }
    double[] d = doubles(t);
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  /**
   * @param t a tensor
   * @return whether it is numeric and has at least one element
   */
  public static boolean isNumeric(Tensor t) {
    return switch (t.elemType()) {
      case FLOAT, DOUBLE, FLOAT16, INT64, INT32, UINT32, INT16, UINT16, INT8, UINT8, BOOL -> true;
      default -> false;
    };
  }

  /**
   * @param t a tensor
   * @param value a number
   * @param relativeTolerance the allowed relative difference
   * @return whether the tensor is numeric, not empty, and every element equals the number
   */
  public static boolean allEqual(Tensor t, double value, double relativeTolerance) {
    if (!isNumeric(t) || t.elementCount() == 0 || t.elementCount() > 1 << 16) {
      return false;
    }
    for (double d : doubles(t)) {
      if (Math.abs(d - value) > relativeTolerance * Math.max(1.0, Math.abs(value))) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param t a tensor
   * @return the single value of a one-element numeric tensor
   * @throws IllegalArgumentException otherwise
   */
  public static double scalar(Tensor t) {
    if (!isNumeric(t) || t.elementCount() != 1) {
      throw new IllegalArgumentException("tensor '" + t.name() + "' is not a numeric scalar");
    }
    return doubles(t)[0];
  }

  /**
   * @param half IEEE 754 binary16 bits
   * @return the value as a float
   */
  public static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /**
   * Rounds to the nearest binary16 value (ties to even); out-of-range values become infinities.
   *
   * @param value a float
   * @return IEEE 754 binary16 bits
   */
  public static short floatToHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xff;
    int mant = bits & 0x7fffff;
    if (exp == 0xff) {
      return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign;
      }
      mant |= 0x800000;
      int shift = 14 - e;
      int half = mant >> shift;
      int rest = mant & ((1 << shift) - 1);
      int midpoint = 1 << (shift - 1);
      if (rest > midpoint || (rest == midpoint && (half & 1) != 0)) {
        half++;
      }
      return (short) (sign | half);
    }
    int half = (e << 10) | (mant >> 13);
    int rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
      half++;
    }
    return (short) (sign | half);
  }
}
