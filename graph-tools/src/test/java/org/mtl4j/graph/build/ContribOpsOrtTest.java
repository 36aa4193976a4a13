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
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;

/** com.microsoft contrib operators built with the builder load and run in ONNX Runtime. */
class ContribOpsOrtTest {

  private static final float[] SKIP = {0.5f, -0.5f, 1f, 0f, 0.25f, 0.75f, -1f, 2f};
  private static final float[] GAMMA = {1f, 2f, 0.5f, -1f};
  private static final float[] BETA = {0.1f, 0f, -0.1f, 0.2f};
  private static final float[] BIAS = {0.01f, 0.02f, 0.03f, 0.04f};
  private static final float EPSILON = 1e-12f;

  @Test
  void skipLayerNormalizationThenGeluMatchPlainJava() throws Exception {
    GraphBuilder b = new GraphBuilder("contrib");
    String x = b.input("x", ElemType.FLOAT, Shape.of("batch", 2, 4));
    String skip = b.initializer(Tensor.floats("skip", new long[] {1, 2, 4}, SKIP));
    String gamma = b.initializer(Tensor.floats("gamma", new long[] {4}, GAMMA));
    String beta = b.initializer(Tensor.floats("beta", new long[] {4}, BETA));
    String bias = b.initializer(Tensor.floats("bias", new long[] {4}, BIAS));
    String normed =
        b.op(OnnxDefaults.MICROSOFT, "SkipLayerNormalization")
            .in(x, skip, gamma, beta)
            .attr("epsilon", EPSILON)
            .out();
    b.op(OnnxDefaults.MICROSOFT, "Gelu").in(normed).outs("gelu");
    b.op(OnnxDefaults.MICROSOFT, "BiasGelu").in(normed, bias).outs("bias_gelu");
    b.output("gelu", ElemType.FLOAT, Shape.of("batch", 2, 4));
    b.output("bias_gelu", ElemType.FLOAT, Shape.of("batch", 2, 4));
    Model model = b.build();

    float[][][] input = {{{1f, 2f, 3f, 4f}, {-1f, 0f, 1f, 0.5f}}};
    Map<String, float[]> ort =
        Ort.run(OnnxWriter.toBytes(model), Map.of("x", input), List.of("gelu", "bias_gelu"));

    for (int row = 0; row < 2; row++) {
      double[] v = new double[4];
      double mean = 0;
      for (int j = 0; j < 4; j++) {
        v[j] = input[0][row][j] + SKIP[row * 4 + j];
        mean += v[j] / 4;
      }
      double var = 0;
      for (double e : v) {
        var += (e - mean) * (e - mean) / 4;
      }
      for (int j = 0; j < 4; j++) {
        double n = (v[j] - mean) / Math.sqrt(var + EPSILON) * GAMMA[j] + BETA[j];
        assertThat((double) ort.get("gelu")[row * 4 + j]).isCloseTo(gelu(n), within(1e-5));
        assertThat((double) ort.get("bias_gelu")[row * 4 + j])
            .isCloseTo(gelu(n + BIAS[j]), within(1e-5));
      }
    }
  }

  @Test
  void fusedEncoderOperatorsLoadAndRun() throws Exception {
    int hidden = 4;
    GraphBuilder b = new GraphBuilder("fused");
    String ids = b.input("input_ids", ElemType.INT32, Shape.of(1, 3));
    String segments = b.input("segment_ids", ElemType.INT32, Shape.of(1, 3));
    String mask = b.input("mask", ElemType.INT32, Shape.of(1, 3));
    String words = b.initializer(Tensor.floats("words", new long[] {10, hidden}, ramp(40)));
    String positions = b.initializer(Tensor.floats("positions", new long[] {8, hidden}, ramp(32)));
    String types = b.initializer(Tensor.floats("types", new long[] {2, hidden}, ramp(8)));
    String gamma = b.initializer(Tensor.floats("gamma", new long[] {hidden}, 1f, 1f, 1f, 1f));
    String beta = b.initializer(Tensor.floats("beta", new long[] {hidden}, 0f, 0f, 0f, 0f));
    String qkv = b.initializer(Tensor.floats("qkv", new long[] {hidden, 3 * hidden}, ramp(48)));
    String qkvBias = b.initializer(Tensor.floats("qkv_bias", new long[] {3 * hidden}, ramp(12)));
    List<String> embedded =
        b.op(OnnxDefaults.MICROSOFT, "EmbedLayerNormalization")
            .in(ids, segments, words, positions, types, gamma, beta, mask)
            .attr("epsilon", 1e-12f)
            .outs("embedded", "mask_index");
    String attended =
        b.op(OnnxDefaults.MICROSOFT, "Attention")
            .in(embedded.get(0), qkv, qkvBias, embedded.get(1))
            .attr("num_heads", 2)
            .out();
    String mha =
        b.op(OnnxDefaults.MICROSOFT, "MultiHeadAttention")
            .in(attended, attended, attended)
            .attr("num_heads", 2)
            .out();
    b.op(OnnxDefaults.MICROSOFT, "FastGelu").in(mha, gamma).outs("fast_gelu");
    b.output("fast_gelu", ElemType.FLOAT, Shape.of(1, 3, hidden));
    b.output("mask_index", ElemType.INT32, Shape.of(1));

    Map<String, Object> r =
        Ort.runAll(
            OnnxWriter.toBytes(b.build()),
            Map.of(
                "input_ids", new int[][] {{1, 5, 2}},
                "segment_ids", new int[][] {{0, 0, 1}},
                "mask", new int[][] {{1, 1, 0}}));

    assertThat((int[]) r.get("mask_index")).containsExactly(2);
    float[][][] out = (float[][][]) r.get("fast_gelu");
    assertThat(out[0]).hasNumberOfRows(3);
    for (float[] row : out[0]) {
      assertThat(row).hasSize(hidden);
      for (float v : row) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }

  private static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (i % 7 - 3) * 0.1f;
    }
    return v;
  }

  private static double gelu(double v) {
    return 0.5 * v * (1 + erf(v / Math.sqrt(2)));
  }

  /** erf by its Maclaurin series, exact to double precision for the |z| < 3 used here. */
  private static double erf(double z) {
    double sum = 0;
    double term = z;
    for (int n = 0; n < 100; n++) {
      sum += term / (2 * n + 1);
      term *= -z * z / (n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }
}
