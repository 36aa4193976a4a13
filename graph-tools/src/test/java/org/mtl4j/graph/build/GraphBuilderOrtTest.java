package org.mtl4j.graph.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mtl4j.graph.Ort;
import org.mtl4j.graph.check.ModelChecker;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;

/** A built two-output graph runs in ONNX Runtime and matches plain Java. */
class GraphBuilderOrtTest {

  private static final int IN = 4;
  private static final int OUT = 3;
  private static final float EPSILON = 1e-5f;

  private static final float[] W = {
    0.2f, -0.5f, 0.1f,
    0.7f, 0.3f, -0.2f,
    -0.4f, 0.8f, 0.6f,
    0.05f, -0.1f, 0.9f
  };
  private static final float[] B = {0.1f, -0.2f, 0.3f};
  private static final float[] GAMMA = {1.5f, 0.5f, -1.0f};
  private static final float[] BETA = {0.0f, 0.25f, -0.5f};

  static Model twoOutputModel() {
    GraphBuilder b = new GraphBuilder("two_heads");
    String x = b.input("x", ElemType.FLOAT, Shape.of("batch", IN));
    String w = b.initializer(Tensor.floats("w", new long[] {IN, OUT}, W));
    String bias = b.initializer(Tensor.floats("b", new long[] {OUT}, B));
    String gamma = b.initializer(Tensor.floats("gamma", new long[] {OUT}, GAMMA));
    String beta = b.initializer(Tensor.floats("beta", new long[] {OUT}, BETA));
    String h = b.op("MatMul").in(x, w).out();
    String logits = b.op("Add").in(h, bias).out();
    String normed =
        b.op("LayerNormalization")
            .in(logits, gamma, beta)
            .attr("axis", -1)
            .attr("epsilon", EPSILON)
            .outs("normed")
            .get(0);
    String probs = b.op("Softmax").in(logits).attr("axis", -1).outs("probs").get(0);
    b.output(normed, ElemType.FLOAT, Shape.of("batch", OUT));
    b.output(probs, ElemType.FLOAT, Shape.of("batch", OUT));
    return b.build();
  }

  @Test
  void twoOutputGraphMatchesPlainJavaInOnnxRuntime() throws Exception {
    Model model = twoOutputModel();
    assertThat(model.irVersion()).isEqualTo(OnnxDefaults.IR_VERSION);
    assertThat(model.opsets()).containsEntry("", OnnxDefaults.AI_ONNX_OPSET);
    assertThat(ModelChecker.check(model)).isEmpty();

    float[][] x = {{1f, 2f, 3f, 4f}, {-1f, 0.5f, 0f, 2.5f}, {0.3f, -0.7f, 1.1f, -2f}};
    Map<String, float[]> ort =
        Ort.run(OnnxWriter.toBytes(model), Map.of("x", x), List.of("normed", "probs"));

    for (int r = 0; r < x.length; r++) {
      double[] logits = new double[OUT];
      for (int j = 0; j < OUT; j++) {
        double s = B[j];
        for (int i = 0; i < IN; i++) {
          s += (double) x[r][i] * W[i * OUT + j];
        }
        logits[j] = s;
      }
      double mean = 0;
      for (double v : logits) {
        mean += v / OUT;
      }
      double var = 0;
      for (double v : logits) {
        var += (v - mean) * (v - mean) / OUT;
      }
      double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
      double sum = 0;
      for (double v : logits) {
        sum += Math.exp(v - max);
      }
      for (int j = 0; j < OUT; j++) {
        double normed = (logits[j] - mean) / Math.sqrt(var + EPSILON) * GAMMA[j] + BETA[j];
        double prob = Math.exp(logits[j] - max) / sum;
        assertThat((double) ort.get("normed")[r * OUT + j]).isCloseTo(normed, within(1e-6));
        assertThat((double) ort.get("probs")[r * OUT + j]).isCloseTo(prob, within(1e-6));
      }
    }
  }
}
