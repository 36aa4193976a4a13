package org.mtl4j.zoo.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.graph.io.OnnxReader;
import org.mtl4j.graph.ir.Graph;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.Node;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.hf.EncoderCheckpoint;
import org.mtl4j.zoo.hf.HfCheckpoint;

class BertOnnxImportTest {

  private static byte[] onnx;
  private static String tokenizer;

  @BeforeAll
  static void readSource() {
    onnx = PretrainedSource.ALL_MINILM_L6_V2.onnxBytes();
    tokenizer = PretrainedSource.ALL_MINILM_L6_V2.tokenizerJson();
  }

  private static Model model() throws Exception {
    return OnnxReader.read(new ByteArrayInputStream(onnx));
  }

  @Test
  void linearWeightsAreTransposedToPytorchLayout() throws Exception {
    Model model = model();
    Graph graph = model.graph();
    EncoderCheckpoint c = BertOnnxImport.fromModel(model, tokenizer, "minilm");
    Node up =
        graph.nodes().stream()
            .filter(
                n ->
                    n.opType().equals("Add")
                        && n.inputs().contains("encoder.layer.3.intermediate.dense.bias"))
            .findFirst()
            .flatMap(
                add ->
                    add.inputs().stream()
                        .map(graph.producers()::get)
                        .filter(p -> p != null && p.opType().equals("MatMul"))
                        .findFirst())
            .orElseThrow();
    Tensor onnxWeight = graph.initializers().get(up.inputs().get(1));
    assertThat(onnxWeight.dims()).containsExactly(384, 1536);
    float[] stored = onnxWeight.toFloatArray();
    float[] hf = c.weights().get("encoder.layer.3.intermediate.dense.weight").data();
    for (int[] io : new int[][] {{0, 0}, {5, 1000}, {383, 1535}, {200, 7}}) {
      int in = io[0];
      int out = io[1];
      assertThat(hf[out * 384 + in]).isEqualTo(stored[in * 1536 + out]);
    }
    assertThat(c.weights().get("embeddings.LayerNorm.weight").data())
        .isEqualTo(graph.initializers().get("embeddings.LayerNorm.weight").toFloatArray());
  }

  @Test
  void recoveredCheckpointRoundTripsThroughAFolder(@TempDir Path dir) throws Exception {
    EncoderCheckpoint c = BertOnnxImport.fromModel(model(), tokenizer, "minilm");
    HfCheckpoint.write(c, dir);
    EncoderCheckpoint back = HfCheckpoint.read(dir);
    assertThat(back.config()).isEqualTo(c.config());
    assertThat(back.weights()).isEqualTo(c.weights());
    assertThat(Files.size(dir.resolve("model.safetensors"))).isGreaterThan(22_000_000L * 4);
  }

  /** Names that contradict the graph's edges are caught: the walk does not read names. */
  @Test
  void swappedNamesContradictTheStructure() throws Exception {
    Model model = model();
    Graph graph = model.graph();
    String q = "encoder.layer.2.attention.self.query.bias";
    String k = "encoder.layer.2.attention.self.key.bias";
    Tensor qt = graph.initializers().remove(q);
    Tensor kt = graph.initializers().remove(k);
    graph.initializers().put(q, kt.withName(q));
    graph.initializers().put(k, qt.withName(k));
    List<Node> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (n.inputs().contains(q) || n.inputs().contains(k)) {
        nodes.set(
            i,
            n.withInputs(
                n.inputs().stream().map(in -> in.equals(q) ? k : in.equals(k) ? q : in).toList()));
      }
    }
    assertThatThrownBy(() -> BertOnnxImport.fromModel(model, tokenizer, "minilm"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining(
            "minilm: the graph's structure makes initializer '"
                + k
                + "' the parameter encoder.layer.2.attention.self.query.bias");
  }

  @Test
  void initializersOutsideTheEncoderAreReported() throws Exception {
    Model model = model();
    model.graph().addInitializer(Tensor.floats("pooler.dense.bias", new long[] {2}, 1f, 2f));
    assertThatThrownBy(() -> BertOnnxImport.fromModel(model, tokenizer, "minilm"))
        .hasMessageContaining(
            "float initializers outside the recovered encoder: [pooler.dense.bias");
  }

  @Test
  void aGraphThatIsNotBertIsReported() throws Exception {
    Model model = model();
    Graph graph = model.graph();
    graph.nodes().removeIf(n -> n.name().equals("/encoder/layer.1/output/Add"));
    assertThatThrownBy(() -> BertOnnxImport.fromModel(model, tokenizer, "minilm"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("residual connection of layer 1");
  }

  @Test
  void paddingIdComesFromTheTokenizer() {
    assertThat(BertOnnxImport.padTokenId("{\"padding\":{\"pad_id\":3},\"model\":{}}", "t"))
        .isEqualTo(3);
    assertThat(BertOnnxImport.padTokenId("{\"model\":{\"vocab\":{\"[PAD]\":7}}}", "t"))
        .isEqualTo(7);
    assertThatThrownBy(() -> BertOnnxImport.padTokenId("{\"model\":{\"vocab\":{}}}", "tok"))
        .hasMessageStartingWith("tok: tokenizer.json names no padding id");
  }
}
