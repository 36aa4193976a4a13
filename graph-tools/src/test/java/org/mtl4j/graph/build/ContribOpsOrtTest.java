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
    String normed = b.op(OnnxDefaults.MICROSOFT, "SkipLayerNormalization")
        .in(x, skip, gamma, beta).attr("epsilon", EPSILON).out();
    b.op(OnnxDefaults.MICROSOFT, "Gelu").in(normed).outs("gelu");
    b.op(OnnxDefaults.MICROSOFT, "BiasGelu").in(normed, bias).outs("bias_gelu");
    b.output("gelu", ElemType.FLOAT, Shape.of("batch", 2, 4));
    b.output("bias_gelu", ElemType.FLOAT, Shape.of("batch", 2, 4));
    Model model = b.build();

    float[][][] input = {{{1f, 2f, 3f, 4f}, {-1f, 0f, 1f, 0.5f}}};
    Map<String, float[]> ort = Ort.run(OnnxWriter.toBytes(model),
        Map.of("x", input), List.of("gelu", "bias_gelu"));

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
