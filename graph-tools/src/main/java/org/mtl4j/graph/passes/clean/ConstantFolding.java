package org.mtl4j.graph.passes.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mtl4j.graph.ir.Attribute;
import org.mtl4j.graph.ir.Dim;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.graph.passes.GraphPass;
import org.mtl4j.graph.rewrite.GraphEditor;

/**
 * Replaces nodes computed from constants alone by initializers holding their result: Constant
 * nodes, weight transposes and casts, and shape arithmetic ({@code Shape} of a value whose
 * dimensions are all known included). Results larger than {@link #MAX_ELEMENTS} elements and graph
 * outputs are left as they are.
 */
public final class ConstantFolding implements GraphPass {

  /** The largest result folded, in elements. */
  public static final long MAX_ELEMENTS = 1L << 26;

  @Override
  public String name() {
    return "fold-constants";
  }

  @Override
  public int apply(GraphEditor g) {
    int folded = 0;
    for (Node n : g.nodes()) {
      if (!n.domain().isEmpty() || n.outputs().size() != 1 || g.isGraphOutput(n.outputs().get(0))) {
        continue;
      }
      Optional<Tensor> result = fold(g, n);
      if (result.isPresent()) {
        g.remove(n);
        g.graph().addInitializer(result.get());
        folded++;
      }
    }
    return folded;
  }

  private static Optional<Tensor> fold(GraphEditor g, Node n) {
    String out = n.outputs().get(0);
    if (n.opType().equals("Constant")) {
      return n.attribute("value")
          .filter(a -> a instanceof Attribute.TensorAttr)
          .map(a -> ((Attribute.TensorAttr) a).value().withName(out));
    }
    if (n.opType().equals("Shape") && n.attributes().isEmpty()) {
      Optional<long[]> dims = staticShape(g, n.inputs().get(0));
      if (dims.isPresent()) {
        return Optional.of(Tensor.longs(out, new long[] {dims.get().length}, dims.get()));
      }
    }
    if (!ConstantEvaluator.OPS.contains(n.opType())) {
      return Optional.empty();
    }
    if (n.opType().equals("Transpose")) {
      Optional<Tensor> matrix =
          g.constant(n.inputs().get(0))
              .filter(t -> t.elemType() == ElemType.FLOAT && t.rank() == 2);
      boolean swap =
          n.attribute("perm")
              .map(
                  a ->
                      a instanceof Attribute.IntsAttr i
                          && i.values().length == 2
                          && i.values()[0] == 1
                          && i.values()[1] == 0)
              .orElse(true);
      if (matrix.isPresent() && swap) {
        return Optional.of(transposed(matrix.get(), out));
      }
    }
    List<Optional<Tensor>> constants = new ArrayList<>();
    for (String in : n.inputs()) {
      Optional<Tensor> t = in.isEmpty() ? Optional.empty() : g.constant(in);
      boolean usable =
          t.isPresent()
              && ConstArray.isSupported(t.get().elemType())
              && t.get().elementCount() <= MAX_ELEMENTS;
      if (!in.isEmpty() && !usable) {
        return Optional.empty();
      }
      constants.add(t);
    }
    List<ConstArray> inputs = new ArrayList<>();
    constants.forEach(t -> inputs.add(t.map(ConstArray::of).orElse(null)));
    if (inputs.isEmpty() || inputs.get(0) == null) {
      return Optional.empty();
    }
    try {
      return ConstantEvaluator.evaluate(n, inputs)
          .filter(r -> r.elementCount() <= MAX_ELEMENTS && ConstArray.isSupported(r.type()))
          .map(r -> r.toTensor(out));
    } catch (RuntimeException e) {
      // Inputs the operator rejects (bad axes, out-of-range indices): ONNX Runtime reports them.
      return Optional.empty();
    }
  }

  /** A float matrix transposed, the common weight-layout case, without a detour through doubles. */
  private static Tensor transposed(Tensor matrix, String name) {
    int rows = (int) matrix.dims()[0];
    int cols = (int) matrix.dims()[1];
    java.nio.FloatBuffer in = matrix.bytes().asFloatBuffer();
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = in.get(r * cols + c);
      }
    }
    return Tensor.floats(name, new long[] {cols, rows}, out);
  }

  /** The dimensions of a graph input or annotated value when every one is a fixed size. */
  private static Optional<long[]> staticShape(GraphEditor g, String value) {
    Optional<Value> v =
        g.graphInput(value)
            .or(
                () ->
                    g.graph().valueInfo().stream().filter(x -> x.name().equals(value)).findFirst());
    if (v.isEmpty()
        || v.get().shape() == null
        || !v.get().shape().dims().stream().allMatch(Dim::isFixed)) {
      return Optional.empty();
    }
    return Optional.of(v.get().shape().dims().stream().mapToLong(Dim::value).toArray());
  }
}
