package org.mtl4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mtl4j.graph.build.GraphBuilder;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.zoo.pkg.OnnxContract;

/**
 * Plants a latency regression of known cost in a model graph, for testing the regression gate: a
 * chain of {@code [batch, sequence, 384] x [384, 384]} MatMuls fed by the token ids, whose mean,
 * multiplied by zero, is added to the first task's logits. The outputs keep their values but every
 * call pays for the chain: each MatMul costs {@code 2 * 384^2} multiply-adds per token, about 1.4 %
 * of all-MiniLM-L6-v2's encoder.
 */
public final class PlantedRegression {

  private static final int WIDTH = 384;

  private PlantedRegression() {}

  /**
   * Writes a copy of a model with a planted chain.
   *
   * @param args IN.onnx OUT.onnx MATMULS
   * @throws java.io.IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws java.io.IOException {
    Model model;
    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(args[0]))) {
      model = org.mtl4j.graph.io.OnnxReader.read(in);
    }
    org.mtl4j.graph.io.OnnxWriter.write(
        plant(model, Integer.parseInt(args[2])), java.nio.file.Path.of(args[1]));
  }

  /**
   * @param model a graph with a {@code input_ids} input and at least one output; changed in place
   * @param matMuls the chain's length, at least 1
   * @return the model
   */
  public static Model plant(Model model, int matMuls) {
    if (matMuls < 1) {
      throw new IllegalArgumentException("plant at least one MatMul, not " + matMuls);
    }
    Graph graph = model.graph();
    String logits = graph.outputs().get(0).name();
    String before = logits + ".before_planted";
    List<Node> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (n.outputs().contains(logits)) {
        List<String> outs = new ArrayList<>(n.outputs());
        outs.set(outs.indexOf(logits), before);
        nodes.set(
            i,
            new Node(
                n.name(), n.domain(), n.opType(), n.inputs(), outs, n.attributes(), n.docString()));
      }
    }
    GraphBuilder b = new GraphBuilder("planted");
    String ids = b.input(OnnxContract.INPUT_IDS, ElemType.INT64, Shape.of("batch", "sequence"));
    String previous = b.input(before, ElemType.FLOAT, Shape.of("batch", "classes"));
    SplittableRandom random = new SplittableRandom(11);
    String x = b.op("Cast").name("planted.cast").in(ids).attr("to", ElemType.FLOAT).out();
    x = b.op("Reshape").name("planted.column").in(x, b.longs("planted.shape", 0, -1, 1)).out();
    x =
        b.op("MatMul")
            .name("planted.widen")
            .in(
                x,
                b.initializer(
                    Tensor.floats(
                        "planted.w0", new long[] {1, WIDTH}, gaussian(random, WIDTH, 1e-5))))
            .out();
    String w =
        b.initializer(
            Tensor.floats(
                "planted.w",
                new long[] {WIDTH, WIDTH},
                gaussian(random, WIDTH * WIDTH, 1 / Math.sqrt(WIDTH))));
    for (int i = 0; i < matMuls; i++) {
      x = b.op("MatMul").name("planted.matmul" + i).in(x, w).out();
    }
    x = b.op("ReduceMean").name("planted.mean").in(x).attr("keepdims", 0L).out();
    x = b.op("Mul").name("planted.zero").in(x, b.scalar("planted.nothing", 0f)).out();
    b.op("Add").name("planted.add").in(previous, x).outs(logits);
    Graph chain = b.graph();
    nodes.addAll(chain.nodes());
    for (Tensor t : chain.initializers().values()) {
      graph.addInitializer(t);
    }
    return model;
  }

  private static float[] gaussian(SplittableRandom random, int n, double std) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double u = 1.0 - random.nextDouble();
      double v = random.nextDouble();
      out[i] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }
    return out;
  }
}
