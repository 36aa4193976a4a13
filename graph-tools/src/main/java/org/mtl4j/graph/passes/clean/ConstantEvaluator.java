package org.mtl4j.graph.passes.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;

/**
 * Computes a single-output ai.onnx node whose inputs are all constant, for the operators that make
 * up weight layout changes and shape arithmetic: Transpose, Cast, Reshape, Unsqueeze, Squeeze,
 * Concat, Gather, Slice, Shape, Range, element-wise arithmetic with broadcasting, Sqrt, Neg,
 * Reciprocal. Float results are rounded as float32 arithmetic rounds them. Anything else is left
 * alone (empty result).
 */
final class ConstantEvaluator {

  private ConstantEvaluator() {}

  static final List<String> OPS =
      List.of(
          "Transpose",
          "Cast",
          "Reshape",
          "Unsqueeze",
          "Squeeze",
          "Concat",
          "Gather",
          "Slice",
          "Shape",
          "Range",
          "Add",
          "Sub",
          "Mul",
          "Div",
          "Pow",
          "Sqrt",
          "Neg",
          "Reciprocal",
          "Equal");

  static Optional<ConstArray> evaluate(Node n, List<ConstArray> in) {
    return Optional.ofNullable(
        switch (n.opType()) {
          case "Transpose" -> transpose(in.get(0), ints(n, "perm"));
          case "Cast" -> in.get(0).cast(ElemType.fromCode((int) intAttr(n, "to", 1)));
          case "Reshape" -> reshape(in.get(0), in.get(1).ints());
          case "Unsqueeze" -> unsqueeze(in.get(0), axesOf(n, in));
          case "Squeeze" -> squeeze(in.get(0), axesOf(n, in));
          case "Concat" -> concat(in, intAttr(n, "axis", 0));
          case "Gather" -> gather(in.get(0), in.get(1), intAttr(n, "axis", 0));
          case "Slice" -> in.size() >= 3 ? slice(in) : null;
          case "Shape" -> n.attributes().isEmpty() ? shapeOf(in.get(0)) : null;
          case "Range" -> range(in);
          case "Add" -> binary(in, Double::sum, Long::sum);
          case "Sub" -> binary(in, (a, b) -> a - b, (a, b) -> a - b);
          case "Mul" -> binary(in, (a, b) -> a * b, (a, b) -> a * b);
          case "Div" -> binary(in, (a, b) -> a / b, (a, b) -> b == 0 ? 0 : a / b);
          case "Pow" -> in.get(0).isInteger() ? null : binary(in, Math::pow, null);
          case "Equal" -> equal(in.get(0), in.get(1));
          case "Sqrt" -> unary(in.get(0), Math::sqrt);
          case "Neg" -> unary(in.get(0), v -> -v);
          case "Reciprocal" -> unary(in.get(0), v -> 1.0 / v);
          default -> null;
        });
  }

  private static long intAttr(Node n, String name, long fallback) {
    return n.attribute(name).map(a -> ((Attribute.IntAttr) a).value()).orElse(fallback);
  }

  private static long[] ints(Node n, String name) {
    return n.attribute(name).map(a -> ((Attribute.IntsAttr) a).values()).orElse(null);
  }

  private static long[] axesOf(Node n, List<ConstArray> in) {
    long[] attr = ints(n, "axes");
    if (attr != null) {
      return attr;
    }
    return in.size() > 1 ? in.get(1).ints() : new long[0];
  }

  private static long[] strides(long[] dims) {
    long[] s = new long[dims.length];
    long acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  private static ConstArray transpose(ConstArray x, long[] perm) {
    int rank = x.dims().length;
    long[] p = perm;
    if (p == null) {
      p = new long[rank];
      for (int i = 0; i < rank; i++) {
        p[i] = rank - 1 - i;
      }
    }
    long[] outDims = new long[rank];
    for (int i = 0; i < rank; i++) {
      outDims[i] = x.dims()[(int) p[i]];
    }
    long[] inStrides = strides(x.dims());
    int n = x.size();
    int[] index = new int[n];
    int[] counter = new int[rank];
    for (int o = 0; o < n; o++) {
      long src = 0;
      for (int d = 0; d < rank; d++) {
        src += counter[d] * inStrides[(int) p[d]];
      }
      index[o] = (int) src;
      for (int d = rank - 1; d >= 0; d--) {
        if (++counter[d] < outDims[d]) {
          break;
        }
        counter[d] = 0;
      }
    }
    return x.gathered(outDims, index);
  }

  private static ConstArray reshape(ConstArray x, long[] shape) {
    long[] out = shape.clone();
    long known = 1;
    int infer = -1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0) {
        out[i] = x.dims()[i];
      }
      if (out[i] == -1) {
        infer = i;
      } else {
        known *= out[i];
      }
    }
    if (infer >= 0) {
      out[infer] = known == 0 ? 0 : x.elementCount() / known;
    }
    return x.reshaped(out);
  }

  private static ConstArray unsqueeze(ConstArray x, long[] axes) {
    int rank = x.dims().length + axes.length;
    boolean[] inserted = new boolean[rank];
    for (long a : axes) {
      inserted[(int) (a < 0 ? a + rank : a)] = true;
    }
    long[] out = new long[rank];
    int src = 0;
    for (int i = 0; i < rank; i++) {
      out[i] = inserted[i] ? 1 : x.dims()[src++];
    }
    return x.reshaped(out);
  }

  private static ConstArray squeeze(ConstArray x, long[] axes) {
    int rank = x.dims().length;
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      final int axis = i;
      boolean listed =
          axes.length == 0
              ? x.dims()[i] == 1
              : Arrays.stream(axes).anyMatch(a -> (a < 0 ? a + rank : a) == axis);
      if (!listed) {
        out.add(x.dims()[i]);
      }
    }
    return x.reshaped(out.stream().mapToLong(Long::longValue).toArray());
  }

  private static ConstArray concat(List<ConstArray> in, long axisAttr) {
    ConstArray first = in.get(0);
    int rank = first.dims().length;
    int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
    long[] outDims = first.dims().clone();
    outDims[axis] = in.stream().mapToLong(a -> a.dims()[axis]).sum();
    long outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= outDims[i];
    }
    boolean integer = first.isInteger();
    long[] li = integer ? new long[(int) prod(outDims)] : null;
    double[] ld = integer ? null : new double[(int) prod(outDims)];
    int pos = 0;
    for (long o = 0; o < outer; o++) {
      for (ConstArray a : in) {
        long block = a.size() / Math.max(1, outer);
        for (long k = 0; k < block; k++) {
          int src = (int) (o * block + k);
          if (integer) {
            li[pos++] = a.integer(src);
          } else {
            ld[pos++] = a.real(src);
          }
        }
      }
    }
    return integer
        ? ConstArray.ints(first.type(), outDims, li)
        : ConstArray.reals(first.type(), outDims, ld);
  }

  private static long prod(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  private static ConstArray gather(ConstArray x, ConstArray indices, long axisAttr) {
    int rank = x.dims().length;
    int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
    long[] idx = indices.ints();
    if (idx == null) {
      return null;
    }
    long axisSize = x.dims()[axis];
    long outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= x.dims()[i];
    }
    long inner = 1;
    for (int i = axis + 1; i < rank; i++) {
      inner *= x.dims()[i];
    }
    long[] outDims = new long[rank - 1 + indices.dims().length];
    int k = 0;
    for (int i = 0; i < axis; i++) {
      outDims[k++] = x.dims()[i];
    }
    for (long d : indices.dims()) {
      outDims[k++] = d;
    }
    for (int i = axis + 1; i < rank; i++) {
      outDims[k++] = x.dims()[i];
    }
    int[] index = new int[(int) (outer * idx.length * inner)];
    int pos = 0;
    for (long o = 0; o < outer; o++) {
      for (long j : idx) {
        long jj = j < 0 ? j + axisSize : j;
        if (jj < 0 || jj >= axisSize) {
          return null;
        }
        for (long i = 0; i < inner; i++) {
          index[pos++] = (int) ((o * axisSize + jj) * inner + i);
        }
      }
    }
    return x.gathered(outDims, index);
  }

  private static ConstArray slice(List<ConstArray> in) {
    ConstArray x = in.get(0);
    int rank = x.dims().length;
    long[] starts = in.get(1).ints();
    long[] ends = in.get(2).ints();
    long[] axes = in.size() > 3 && in.get(3) != null ? in.get(3).ints() : null;
    long[] steps = in.size() > 4 && in.get(4) != null ? in.get(4).ints() : null;
    long[] begin = new long[rank];
    long[] step = new long[rank];
    long[] count = x.dims().clone();
    Arrays.fill(step, 1);
    for (int k = 0; k < starts.length; k++) {
      int axis = (int) (axes == null ? k : (axes[k] < 0 ? axes[k] + rank : axes[k]));
      long dim = x.dims()[axis];
      long st = steps == null ? 1 : steps[k];
      if (st <= 0) {
        return null;
      }
      long s = clamp(starts[k] < 0 ? starts[k] + dim : starts[k], 0, dim);
      long e = clamp(ends[k] < 0 ? ends[k] + dim : ends[k], 0, dim);
      begin[axis] = s;
      step[axis] = st;
      count[axis] = Math.max(0, (e - s + st - 1) / st);
    }
    long[] inStrides = strides(x.dims());
    int n = (int) prod(count);
    int[] index = new int[n];
    int[] counter = new int[rank];
    for (int o = 0; o < n; o++) {
      long src = 0;
      for (int d = 0; d < rank; d++) {
        src += (begin[d] + counter[d] * step[d]) * inStrides[d];
      }
      index[o] = (int) src;
      for (int d = rank - 1; d >= 0; d--) {
        if (++counter[d] < count[d]) {
          break;
        }
        counter[d] = 0;
      }
    }
    return x.gathered(count, index);
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static ConstArray shapeOf(ConstArray x) {
    return ConstArray.ints(ElemType.INT64, new long[] {x.dims().length}, x.dims().clone());
  }

  private static ConstArray range(List<ConstArray> in) {
    ConstArray start = in.get(0);
    double s = start.real(0);
    double limit = in.get(1).real(0);
    double delta = in.get(2).real(0);
    int n = (int) Math.max(0, Math.ceil((limit - s) / delta));
    if (start.isInteger()) {
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = start.integer(0) + i * in.get(2).integer(0);
      }
      return ConstArray.ints(start.type(), new long[] {n}, out);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = ConstArray.round(start.type(), s + i * delta);
    }
    return ConstArray.reals(start.type(), new long[] {n}, out);
  }

  private static ConstArray unary(ConstArray x, java.util.function.DoubleUnaryOperator f) {
    if (x.isInteger()) {
      return null;
    }
    double[] out = new double[x.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ConstArray.round(x.type(), f.applyAsDouble(x.reals()[i]));
    }
    return ConstArray.reals(x.type(), x.dims(), out);
  }

  private static long[] broadcast(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
      long db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
      if (da != db && da != 1 && db != 1) {
        return null;
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** For each output element, the flat index of the broadcast operand's element. */
  private static int[] broadcastIndex(long[] dims, long[] outDims) {
    int rank = outDims.length;
    long[] padded = new long[rank];
    Arrays.fill(padded, 1);
    System.arraycopy(dims, 0, padded, rank - dims.length, dims.length);
    long[] st = strides(padded);
    int n = (int) prod(outDims);
    int[] index = new int[n];
    int[] counter = new int[rank];
    for (int o = 0; o < n; o++) {
      long src = 0;
      for (int d = 0; d < rank; d++) {
        if (padded[d] != 1) {
          src += counter[d] * st[d];
        }
      }
      index[o] = (int) src;
      for (int d = rank - 1; d >= 0; d--) {
        if (++counter[d] < outDims[d]) {
          break;
        }
        counter[d] = 0;
      }
    }
    return index;
  }

  private static ConstArray binary(
      List<ConstArray> in, DoubleBinaryOperator real, LongBinaryOperator integer) {
    ConstArray a = in.get(0);
    ConstArray b = in.get(1);
    long[] outDims = broadcast(a.dims(), b.dims());
    if (outDims == null || a.type() != b.type()) {
      return null;
    }
    int[] ia = broadcastIndex(a.dims(), outDims);
    int[] ib = broadcastIndex(b.dims(), outDims);
    if (a.isInteger()) {
      if (integer == null) {
        return null;
      }
      long[] out = new long[ia.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ConstArray.wrap(a.type(), integer.applyAsLong(a.ints()[ia[i]], b.ints()[ib[i]]));
      }
      return ConstArray.ints(a.type(), outDims, out);
    }
    double[] out = new double[ia.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = ConstArray.round(a.type(), real.applyAsDouble(a.reals()[ia[i]], b.reals()[ib[i]]));
    }
    return ConstArray.reals(a.type(), outDims, out);
  }

  private static ConstArray equal(ConstArray a, ConstArray b) {
    long[] outDims = broadcast(a.dims(), b.dims());
    if (outDims == null || a.type() != b.type()) {
      return null;
    }
    int[] ia = broadcastIndex(a.dims(), outDims);
    int[] ib = broadcastIndex(b.dims(), outDims);
    long[] out = new long[ia.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.real(ia[i]) == b.real(ib[i]) ? 1 : 0;
    }
    return ConstArray.ints(ElemType.BOOL, outDims, out);
  }
}
