package org.mtl4j.graph.passes.clean;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.rewrite.Constants;

/**
 * A constant being folded: element type, shape, and the elements as doubles (floating types) or
 * longs (integer and bool types), row-major.
 */
record ConstArray(ElemType type, long[] dims, double[] reals, long[] ints) {

  static ConstArray of(Tensor t) {
    if (isInteger(t.elemType())) {
      return new ConstArray(t.elemType(), t.dims(), null, Constants.longs(t));
    }
    return new ConstArray(t.elemType(), t.dims(), Constants.doubles(t), null);
  }

  static ConstArray ints(ElemType type, long[] dims, long[] values) {
    return new ConstArray(type, dims, null, values);
  }

  static ConstArray reals(ElemType type, long[] dims, double[] values) {
    return new ConstArray(type, dims, values, null);
  }

  static boolean isInteger(ElemType t) {
    return switch (t) {
      case INT64, INT32, INT16, INT8, UINT8, UINT16, UINT32, UINT64, BOOL -> true;
      default -> false;
    };
  }

  static boolean isSupported(ElemType t) {
    return switch (t) {
      case INT64, INT32, INT8, UINT8, BOOL, FLOAT, DOUBLE, FLOAT16 -> true;
      default -> false;
    };
  }

  boolean isInteger() {
    return ints != null;
  }

  int size() {
    return isInteger() ? ints.length : reals.length;
  }

  double real(int i) {
    return isInteger() ? ints[i] : reals[i];
  }

  long integer(int i) {
    return isInteger() ? ints[i] : (long) reals[i];
  }

  /** The same elements under another shape. */
  ConstArray reshaped(long[] newDims) {
    return new ConstArray(type, newDims, reals, ints);
  }

  /** The elements picked by flat index. */
  ConstArray gathered(long[] newDims, int[] index) {
    if (isInteger()) {
      long[] out = new long[index.length];
      for (int i = 0; i < index.length; i++) {
        out[i] = ints[index[i]];
      }
      return ints(type, newDims, out);
    }
    double[] out = new double[index.length];
    for (int i = 0; i < index.length; i++) {
      out[i] = reals[index[i]];
    }
    return reals(type, newDims, out);
  }

  /** Converts to another element type, as ONNX's Cast does for numbers. */
  ConstArray cast(ElemType to) {
    int n = size();
    if (isInteger(to)) {
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        long v = isInteger() ? ints[i] : (long) reals[i];
        out[i] = wrap(to, to == ElemType.BOOL && !isInteger() ? (reals[i] != 0 ? 1 : 0) : v);
      }
      return ints(to, dims, out);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = round(to, real(i));
    }
    return reals(to, dims, out);
  }

  /** Rounds a result to the element type's precision. */
  static double round(ElemType type, double v) {
    return switch (type) {
      case FLOAT -> (float) v;
      case FLOAT16 -> Constants.halfToFloat(Constants.floatToHalf((float) v));
      default -> v;
    };
  }

  /** Wraps an integer result to the element type's width. */
  static long wrap(ElemType type, long v) {
    return switch (type) {
      case INT32 -> (int) v;
      case INT16 -> (short) v;
      case INT8 -> (byte) v;
      case UINT8 -> v & 0xff;
      case UINT16 -> v & 0xffff;
      case UINT32 -> v & 0xffffffffL;
      case BOOL -> v != 0 ? 1 : 0;
      default -> v;
    };
  }

  long elementCount() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  Tensor toTensor(String name) {
    int n = size();
    ByteBuffer b = ByteBuffer.allocate((int) type.byteSize(n)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      switch (type) {
        case FLOAT -> b.putFloat((float) reals[i]);
        case DOUBLE -> b.putDouble(reals[i]);
        case FLOAT16 -> b.putShort(Constants.floatToHalf((float) reals[i]));
        case INT64 -> b.putLong(ints[i]);
        case INT32 -> b.putInt((int) ints[i]);
        case INT8, UINT8, BOOL -> b.put((byte) ints[i]);
        default -> throw new IllegalStateException("cannot write " + type);
      }
    }
    b.flip();
    return Tensor.of(name, type, dims, b);
  }
}
