package org.mtl4j.graph.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.graph.ir.OnnxDefaults;

/** The standard schema table covers what a BERT-family export and its fusions need. */
class OpSchemasTest {

  private static final List<String> BERT_OPS =
      List.of(
          "Add",
          "Sub",
          "Mul",
          "Div",
          "MatMul",
          "Gemm",
          "Gather",
          "Reshape",
          "Transpose",
          "Unsqueeze",
          "Squeeze",
          "Concat",
          "Slice",
          "Shape",
          "Cast",
          "Where",
          "Equal",
          "Not",
          "Less",
          "CumSum",
          "Range",
          "Expand",
          "Softmax",
          "LayerNormalization",
          "Erf",
          "Tanh",
          "Sigmoid",
          "Relu",
          "Pow",
          "Sqrt",
          "ReduceMean",
          "ReduceSum",
          "Einsum",
          "Identity",
          "Constant",
          "ConstantOfShape",
          "Split",
          "Neg",
          "Exp",
          "Log",
          "Max",
          "Min",
          "Sign");

  private static final List<String> CONTRIB_OPS =
      List.of(
          "Attention",
          "SkipLayerNormalization",
          "EmbedLayerNormalization",
          "BiasGelu",
          "FastGelu",
          "Gelu",
          "MultiHeadAttention");

  private final OpSchemas schemas = OpSchemas.standard();

  @Test
  void everyOperatorOfABertExportIsKnownAtTheDefaultOpset() {
    for (String op : BERT_OPS) {
      assertThat(schemas.find("", op, OnnxDefaults.AI_ONNX_OPSET)).as(op).isPresent();
    }
    for (String op : CONTRIB_OPS) {
      assertThat(schemas.find(OnnxDefaults.MICROSOFT, op, OnnxDefaults.MICROSOFT_OPSET))
          .as(op)
          .isPresent();
    }
  }

  @Test
  void theSignatureInForceDependsOnTheOpset() {
    assertThat(schemas.find("", "ReduceMean", 17).orElseThrow().maxInputs()).isEqualTo(1);
    assertThat(schemas.find("", "ReduceMean", 18).orElseThrow().maxInputs()).isEqualTo(2);
    assertThat(schemas.find("ai.onnx", "Unsqueeze", 11).orElseThrow().requiredAttributes())
        .containsExactly("axes");
    assertThat(schemas.find("", "Unsqueeze", 17).orElseThrow().minInputs()).isEqualTo(2);
    assertThat(schemas.find("", "LayerNormalization", 16)).isEmpty();
    assertThat(schemas.firstVersion("", "LayerNormalization")).contains(17);
  }

  @Test
  void countsIncludeOptionalAndVariadicInputs() {
    OpSchema concat = schemas.find("", "Concat", 17).orElseThrow();
    assertThat(concat.maxInputs()).isEqualTo(OpSchema.VARIADIC);
    assertThat(concat.checkInputs(5)).isNull();
    assertThat(concat.requiredAttributes()).containsExactly("axis");
    OpSchema ln = schemas.find("", "LayerNormalization", 17).orElseThrow();
    assertThat(ln.checkInputs(2)).isNull();
    assertThat(ln.checkInputs(4)).isEqualTo("expected 2 to 3 inputs, got 4");
    assertThat(ln.checkOutputs(3)).isNull();
    assertThat(
            schemas
                .find("com.microsoft", "EmbedLayerNormalization", 1)
                .orElseThrow()
                .checkInputs(6))
        .isEqualTo("expected 7 to 9 inputs, got 6");
  }
}
