package org.mtl4j.graph.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mtl4j.graph.Ort;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;

/**
 * Every ai.onnx operator a BERT-family export uses, built with the builder at the default opset in
 * the arity its schema row allows, is accepted and run by ONNX Runtime with the right result.
 */
class BertOpsOrtTest {

  private static final float[][] X = {{1f, -2f, 3f}, {0.5f, 0f, -1.5f}};
  private static final long[][] IDS = {{0, 4, 2}, {1, 0, 3}};

  private final GraphBuilder b = new GraphBuilder("bert_ops");
  private final String x = b.input("x", ElemType.FLOAT, Shape.of("batch", 3));
  private final String ids = b.input("ids", ElemType.INT64, Shape.of("batch", 3));

  private void out(String value, ElemType type, Object... dims) {
    b.output(value, type, Shape.of(dims));
  }

  private String named(String name, NodeBuilder node) {
    return node.outs(name).get(0);
  }

  @Test
  void bertOperatorsRunInOnnxRuntime() throws Exception {
    float[] table = {0f, 0.1f, 1f, 1.1f, 2f, 2.1f, 3f, 3.1f, 4f, 4.1f};
    String emb = b.initializer(Tensor.floats("table", new long[] {5, 2}, table));
    String w = b.initializer(Tensor.floats("w", new long[] {3, 2}, 1f, 0f, 0f, 1f, 1f, 1f));
    String bias = b.initializer(Tensor.floats("bias", new long[] {3}, 0.5f, -0.5f, 1f));
    String bias2 = b.initializer(Tensor.floats("bias2", new long[] {2}, 10f, 20f));
    String one = b.scalar("one", 1f);
    String two = b.scalar("two", 2f);
    String zero = b.scalar("zero", 0f);
    String axis1 = b.longs("axis1", 1);
    String lastAxis = b.longs("last_axis", -1);

    out(named("gather", b.op("Gather").in(emb, ids)), ElemType.FLOAT, "batch", 3, 2);
    String mask = b.op("Cast").in(ids).attr("to", ElemType.FLOAT).out();
    String inverted = b.op("Sub").in(one, mask).out();
    String scaled = b.op("Mul").in(inverted, b.scalar("big", -100f)).out();
    out(named("mask_bias", b.op("Unsqueeze").in(scaled, axis1)), ElemType.FLOAT, "batch", 1, 3);
    out(
        named("squeezed", b.op("Squeeze").in(b.op("Unsqueeze").in(x, axis1).out(), axis1)),
        ElemType.FLOAT,
        "batch",
        3);
    String shape = b.op("Shape").in(x).out();
    String batch = b.op("Gather").in(shape, b.initializer(Tensor.scalar("idx0", 0L))).out();
    String newShape =
        b.op("Concat")
            .in(b.op("Unsqueeze").in(batch, b.longs("axis0", 0)).out(), b.longs("rest", 3, 1))
            .attr("axis", 0)
            .out();
    out(named("reshaped", b.op("Reshape").in(x, newShape)), ElemType.FLOAT, "batch", 3, 1);
    out(
        named("transposed", b.op("Transpose").in(x).attr("perm", new long[] {1, 0})),
        ElemType.FLOAT,
        3,
        "batch");
    out(named("matmul", b.op("MatMul").in(x, w)), ElemType.FLOAT, "batch", 2);
    out(named("gemm", b.op("Gemm").in(x, w, bias2)), ElemType.FLOAT, "batch", 2);
    out(
        named("einsum", b.op("Einsum").in(x, x).attr("equation", "ij,kj->ik")),
        ElemType.FLOAT,
        "batch",
        "batch");
    out(named("softmax", b.op("Softmax").in(x).attr("axis", -1)), ElemType.FLOAT, "batch", 3);
    out(named("div", b.op("Div").in(x, two)), ElemType.FLOAT, "batch", 3);
    out(named("add", b.op("Add").in(x, bias)), ElemType.FLOAT, "batch", 3);
    out(named("pow", b.op("Pow").in(x, two)), ElemType.FLOAT, "batch", 3);
    out(named("sqrt", b.op("Sqrt").in(b.op("Relu").in(x).out())), ElemType.FLOAT, "batch", 3);
    out(named("erf", b.op("Erf").in(x)), ElemType.FLOAT, "batch", 3);
    out(named("tanh", b.op("Tanh").in(x)), ElemType.FLOAT, "batch", 3);
    out(named("sigmoid", b.op("Sigmoid").in(x)), ElemType.FLOAT, "batch", 3);
    out(named("log_exp", b.op("Log").in(b.op("Exp").in(x).out())), ElemType.FLOAT, "batch", 3);
    out(named("neg_sign", b.op("Neg").in(b.op("Sign").in(x).out())), ElemType.FLOAT, "batch", 3);
    out(
        named("mean", b.op("ReduceMean").in(x).attr("axes", new long[] {-1})),
        ElemType.FLOAT,
        "batch",
        1);
    out(
        named("sum", b.op("ReduceSum").in(x, lastAxis).attr("keepdims", 0)),
        ElemType.FLOAT,
        "batch");
    String negative = b.op("Less").in(x, zero).out();
    out(named("where", b.op("Where").in(negative, zero, x)), ElemType.FLOAT, "batch", 3);
    String isPad = b.op("Equal").in(ids, b.initializer(Tensor.scalar("pad", 0L))).out();
    out(named("not_pad", b.op("Not").in(isPad)), ElemType.BOOL, "batch", 3);
    out(
        named("cumsum", b.op("CumSum").in(ids, b.initializer(Tensor.scalar("cum_axis", 1L)))),
        ElemType.INT64,
        "batch",
        3);
    out(
        named(
            "range",
            b.op("Range")
                .in(
                    b.initializer(Tensor.scalar("r0", 0L)),
                    b.initializer(Tensor.scalar("r5", 5L)),
                    b.initializer(Tensor.scalar("r1", 1L)))),
        ElemType.INT64,
        5);
    out(named("expand", b.op("Expand").in(bias, shape)), ElemType.FLOAT, "batch", 3);
    out(
        named(
            "filled",
            b.op("ConstantOfShape")
                .in(shape)
                .attr("value", Tensor.floats("", new long[] {1}, 0.5f))),
        ElemType.FLOAT,
        "batch",
        3);
    List<String> parts =
        b.op("Split").in(x, b.longs("split", 1, 2)).attr("axis", 1).outs("split_a", "split_b");
    out(parts.get(0), ElemType.FLOAT, "batch", 1);
    out(parts.get(1), ElemType.FLOAT, "batch", 2);
    out(
        named("slice", b.op("Slice").in(x, b.longs("starts", 1), b.longs("ends", 3), axis1)),
        ElemType.FLOAT,
        "batch",
        2);
    out(named("max", b.op("Max").in(x, zero)), ElemType.FLOAT, "batch", 3);
    out(named("min", b.op("Min").in(x, zero, one)), ElemType.FLOAT, "batch", 3);
    out(named("identity", b.op("Identity").in(x)), ElemType.FLOAT, "batch", 3);
    out(
        named("constant", b.op("Constant").attr("value", Tensor.longs("", new long[] {2}, 7, 8))),
        ElemType.INT64,
        2);
    out(
        named(
            "layer_norm",
            b.op("LayerNormalization")
                .in(x, b.initializer(Tensor.floats("gamma", new long[] {3}, 1f, 1f, 1f)))),
        ElemType.FLOAT,
        "batch",
        3);
    Model model = b.build();

    Map<String, Object> r = Ort.runAll(OnnxWriter.toBytes(model), Map.of("x", X, "ids", IDS));

    assertThat(((float[][][]) r.get("gather"))[0][1]).containsExactly(4f, 4.1f);
    assertThat(((float[][][]) r.get("mask_bias"))[0][0]).containsExactly(-100f, 300f, 100f);
    assertThat((float[][]) r.get("squeezed")).isDeepEqualTo(X);
    assertThat(((float[][][]) r.get("reshaped"))[1][2]).containsExactly(-1.5f);
    assertThat(((float[][]) r.get("transposed"))[2]).containsExactly(3f, -1.5f);
    assertThat(((float[][]) r.get("matmul"))[0]).containsExactly(4f, 1f);
    assertThat(((float[][]) r.get("gemm"))[0]).containsExactly(14f, 21f);
    assertThat(((float[][]) r.get("einsum"))[0]).containsExactly(14f, -4f);
    assertThat(((float[][]) r.get("softmax"))[1][1])
        .isCloseTo((float) (1 / (Math.exp(0.5) + 1 + Math.exp(-1.5))), within(1e-6f));
    assertThat(((float[][]) r.get("div"))[0]).containsExactly(0.5f, -1f, 1.5f);
    assertThat(((float[][]) r.get("add"))[0]).containsExactly(1.5f, -2.5f, 4f);
    assertThat(((float[][]) r.get("pow"))[0]).containsExactly(1f, 4f, 9f);
    assertThat(((float[][]) r.get("sqrt"))[0][2]).isCloseTo((float) Math.sqrt(3), within(1e-6f));
    assertThat(((float[][]) r.get("erf"))[1][1]).isZero();
    assertThat(((float[][]) r.get("tanh"))[0][0]).isCloseTo((float) Math.tanh(1), within(1e-6f));
    assertThat(((float[][]) r.get("sigmoid"))[1][1]).isEqualTo(0.5f);
    assertThat(((float[][]) r.get("log_exp"))[0][1]).isCloseTo(-2f, within(1e-5f));
    assertThat(((float[][]) r.get("neg_sign"))[0]).containsExactly(-1f, 1f, -1f);
    assertThat(((float[][]) r.get("mean"))[0]).containsExactly(2f / 3);
    assertThat((float[]) r.get("sum")).containsExactly(2f, -1f);
    assertThat(((float[][]) r.get("where"))[0]).containsExactly(1f, 0f, 3f);
    assertThat(((boolean[][]) r.get("not_pad"))[0]).containsExactly(false, true, true);
    assertThat(((long[][]) r.get("cumsum"))[0]).containsExactly(0L, 4L, 6L);
    assertThat((long[]) r.get("range")).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(((float[][]) r.get("expand"))[1]).containsExactly(0.5f, -0.5f, 1f);
    assertThat(((float[][]) r.get("filled"))[1]).containsExactly(0.5f, 0.5f, 0.5f);
    assertThat(((float[][]) r.get("split_a"))[0]).containsExactly(1f);
    assertThat(((float[][]) r.get("split_b"))[0]).containsExactly(-2f, 3f);
    assertThat(((float[][]) r.get("slice"))[1]).containsExactly(0f, -1.5f);
    assertThat(((float[][]) r.get("max"))[1]).containsExactly(0.5f, 0f, 0f);
    assertThat(((float[][]) r.get("min"))[0]).containsExactly(0f, -2f, 0f);
    assertThat((float[][]) r.get("identity")).isDeepEqualTo(X);
    assertThat((long[]) r.get("constant")).containsExactly(7L, 8L);
    assertThat(((float[][]) r.get("layer_norm"))[0][1])
        .isCloseTo((float) (-8 / 3.0 / Math.sqrt(38 / 9.0 + 1e-5)), within(1e-5f));
  }
}
