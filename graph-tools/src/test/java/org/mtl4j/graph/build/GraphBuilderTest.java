package org.mtl4j.graph.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mtl4j.graph.OnnxFormatException;
import org.mtl4j.graph.ir.ElemType;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Shape;
import org.mtl4j.graph.ir.Tensor;

/** The builder checks nodes against their schemas as they are added and names things uniquely. */
class GraphBuilderTest {

  private final GraphBuilder b = new GraphBuilder("g");
  private final String x = b.input("x", ElemType.FLOAT, Shape.of("batch", 4));

  @Test
  void wrongInputCount() {
    assertThatThrownBy(() -> b.op("MatMul").in(x).out())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Building ai.onnx:MatMul: expected 2 inputs, got 1 (node 'MatMul')");
    assertThatThrownBy(() -> b.op("Gemm").in(x, x, x, x).out())
        .hasMessage("Building ai.onnx:Gemm: expected 2 to 3 inputs, got 4 (node 'Gemm')");
    assertThatThrownBy(() -> b.op("Concat").attr("axis", 0).out())
        .hasMessage("Building ai.onnx:Concat: expected at least 1 input, got 0 (node 'Concat')");
  }

  @Test
  void wrongOutputCount() {
    String k = b.longs("k", 2);
    assertThatThrownBy(() -> b.op("TopK").in(x, k).out())
        .hasMessage("Building ai.onnx:TopK: expected 2 outputs, got 1 (node 'TopK')");
    assertThat(b.op("TopK").in(x, k).outs(2)).containsExactly("TopK_output_0", "TopK_output_1");
  }

  @Test
  void missingRequiredAttribute() {
    assertThatThrownBy(() -> b.op("Cast").in(x).out())
        .hasMessage("Building ai.onnx:Cast: missing required attribute 'to' (node 'Cast')");
    assertThatThrownBy(() -> b.op("com.microsoft", "Attention").in(x, x).out())
        .hasMessage(
            "Building com.microsoft:Attention: missing required attribute 'num_heads'"
                + " (node 'Attention')");
  }

  @Test
  void elementTypeAttributes() {
    String ids = b.op("Cast").in(x).attr("to", ElemType.INT64).out();
    assertThat(b.graph().node("Cast").orElseThrow().attribute("to"))
        .contains(org.mtl4j.graph.ir.Attribute.of("to", 7L));
    assertThat(b.isDefined(ids)).isTrue();
  }

  @Test
  void undefinedInput() {
    assertThatThrownBy(() -> b.op("Add").in(x, "nowhere").out())
        .hasMessage(
            "Building ai.onnx:Add: input 'nowhere' is not defined (not a graph input, an"
                + " initializer or an earlier output) (node 'Add')");
  }

  @Test
  void operatorNewerThanTheImportedOpset() {
    GraphBuilder old = new GraphBuilder("old").opset("", 13);
    String in = old.input("x", ElemType.FLOAT, Shape.of(4));
    assertThatThrownBy(() -> old.op("LayerNormalization").in(in, in).out())
        .hasMessage(
            "Building ai.onnx:LayerNormalization: needs opset 17 or later, the model"
                + " imports ai.onnx 13");
  }

  @Test
  void signatureFollowsTheImportedOpset() {
    GraphBuilder v11 = new GraphBuilder("v11").opset("", 11);
    String in = v11.input("x", ElemType.FLOAT, Shape.of(4));
    String axes = v11.longs("axes", 0);
    assertThatThrownBy(() -> v11.op("Unsqueeze").in(in, axes).out())
        .hasMessage("Building ai.onnx:Unsqueeze: expected 1 input, got 2 (node 'Unsqueeze')");
    assertThat(v11.op("Unsqueeze").in(in).attr("axes", new long[] {0}).out())
        .isEqualTo("Unsqueeze_output_0");
    assertThat(b.op("Unsqueeze").in(x, b.longs("axes", 0)).out()).isEqualTo("Unsqueeze_output_0");
  }

  @Test
  void unknownOperatorAndDomain() {
    assertThatThrownBy(() -> b.op("Frobnicate").in(x).out())
        .hasMessage(
            "Building ai.onnx:Frobnicate: no operator schema is known; add one with"
                + " OpSchemas.with");
    assertThatThrownBy(() -> b.op("com.example", "Frob").in(x).out())
        .hasMessage(
            "Building com.example:Frob: domain 'com.example' is not imported; call"
                + " opset(domain, version) first");

    OpSchemas custom =
        OpSchemas.standard().with(new OpSchema("com.example", "Frob", 1, 1, 1, 1, 1, Set.of()));
    GraphBuilder c = new GraphBuilder("custom", custom).opset("com.example", 1);
    String in = c.input("x", ElemType.FLOAT, Shape.of(4));
    String out = c.op("com.example", "Frob").in(in).out();
    Model model = c.output(out, ElemType.FLOAT, Shape.of(4)).build();
    assertThat(model.opsets()).containsEntry("com.example", 1L);
  }

  @Test
  void contribOperatorsImportTheirDomain() {
    String y = b.op(OnnxDefaults.MICROSOFT, "FastGelu").in(x).out();
    Model model = b.output(y, ElemType.FLOAT, Shape.of("batch", 4)).build();
    assertThat(model.opsets()).containsEntry("", 17L).containsEntry("com.microsoft", 1L);
    assertThat(model.graph().nodes().get(0).qualifiedOp()).isEqualTo("com.microsoft:FastGelu");
  }

  @Test
  void namesAreUnique() {
    String w = b.initializer(Tensor.floats("w", new long[] {4, 4}, new float[16]));
    String first = b.op("MatMul").in(x, w).out();
    String second = b.op("MatMul").in(first, w).out();
    String named = b.op("Relu").name("act").in(second).outs("relu_out").get(0);

    assertThat(b.graph().nodes())
        .extracting(Node::name)
        .containsExactly("MatMul", "MatMul_1", "act");
    assertThat(List.of(first, second, named))
        .containsExactly("MatMul_output_0", "MatMul_1_output_0", "relu_out");
    assertThat(b.uniqueName("w")).isEqualTo("w_1");
    assertThatThrownBy(() -> b.input("x", ElemType.FLOAT, Shape.of(1)))
        .hasMessage("graph input name 'x' is already used");
    assertThatThrownBy(() -> b.op("Relu").name("act").in(x).out())
        .hasMessage("node name 'act' is already used");
    assertThatThrownBy(() -> b.op("Relu").in(x).outs("relu_out"))
        .hasMessage("Building ai.onnx:Relu: output name 'relu_out' is already used (node 'Relu')");
  }

  @Test
  void aRejectedNodeChangesNothing() {
    assertThatThrownBy(() -> b.op("MatMul").in(x).outs("mm"))
        .hasMessage("Building ai.onnx:MatMul: expected 2 inputs, got 1 (node 'MatMul')");
    assertThatThrownBy(() -> b.op(OnnxDefaults.MICROSOFT, "Attention").in(x).out())
        .hasMessageContaining("expected 2 to 7 inputs, got 1");

    assertThat(b.graph().nodes()).isEmpty();
    assertThat(b.isDefined("mm")).isFalse();
    assertThat(b.op("MatMul").in(x, x).outs("mm")).containsExactly("mm");
    assertThat(b.graph().nodes().get(0).name()).isEqualTo("MatMul");
    assertThat(b.build().opsets()).doesNotContainKey(OnnxDefaults.MICROSOFT);
  }

  @Test
  void omittedOptionalInputs() {
    String gamma = b.initializer(Tensor.floats("gamma", new long[] {4}, 1, 1, 1, 1));
    String y = b.op("LayerNormalization").in(x, gamma, "").outs("y", "", "").get(0);
    Model model = b.output(y, ElemType.FLOAT, Shape.of("batch", 4)).build();
    assertThat(model.graph().nodes().get(0).inputs()).containsExactly("x", "gamma", "");
  }

  @Test
  void aNodeIsAddedOnce() {
    NodeBuilder relu = b.op("Relu").in(x);
    relu.out();
    assertThatThrownBy(relu::out)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Building ai.onnx:Relu: node already added");
  }

  @Test
  void outputsMustBeDefinedAndTheModelChecked() {
    assertThatThrownBy(() -> b.output("z", ElemType.FLOAT, Shape.of(4)))
        .hasMessage("graph output 'z' is not a defined value");
    // edits behind the builder's back are caught when it builds
    b.graph().nodes().add(Node.of("bad", "", "Relu", List.of("ghost"), List.of("r"), List.of()));
    assertThatThrownBy(b::build)
        .isInstanceOf(OnnxFormatException.class)
        .hasMessageContaining("node 'bad' (ai.onnx:Relu): input 'ghost' is not defined");
  }

  @Test
  void initializersFromArraysAndBuffers() {
    ByteBuffer direct = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
    direct.putFloat(1.5f).putFloat(-2f).flip();
    Tensor wrapped = Tensor.of("wrapped", ElemType.FLOAT, new long[] {2}, direct);
    b.initializer(wrapped);
    b.initializer(Tensor.floats("fb", new long[] {2}, FloatBuffer.wrap(new float[] {3f, 4f})));
    b.initializer(Tensor.longs("lb", new long[] {2}, LongBuffer.wrap(new long[] {5L, 6L})));
    b.initializer(Tensor.ints("ib", new long[] {1, 2}, IntBuffer.wrap(new int[] {7, 8})));
    String axes = b.longs("axes", 0, 1);
    String half = b.scalar("half", 0.5f);

    assertThat(wrapped.bytes().isDirect()).as("wrapped, not copied").isTrue();
    assertThat(wrapped.toFloatArray()).containsExactly(1.5f, -2f);
    assertThat(b.graph().initializers().get("fb").toFloatArray()).containsExactly(3f, 4f);
    assertThat(b.graph().initializers().get("lb").toLongArray()).containsExactly(5L, 6L);
    assertThat(b.graph().initializers().get("ib").toIntArray()).containsExactly(7, 8);
    assertThat(b.graph().initializers().get(axes).toLongArray()).containsExactly(0L, 1L);
    assertThat(b.graph().initializers().get(half).rank()).isZero();
    assertThatThrownBy(() -> Tensor.floats("bad", new long[] {3}, 1f, 2f))
        .hasMessage("tensor 'bad': float[3] needs 12 bytes, got 8");
  }
}
