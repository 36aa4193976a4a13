package org.mtl4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.graph.ir.Model;
import org.mtl4j.graph.ir.OnnxDefaults;
import org.mtl4j.graph.ir.Tensor;
import org.mtl4j.graph.ir.Value;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.ParameterSpec;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/** The emitted graphs' structure, initializers and contract, loaded and run in ONNX Runtime. */
class GraphExporterTest {

  static final List<TaskSpec> TASKS =
      List.of(
          new TaskSpec(
              "intent",
              TaskType.SINGLE_SENTENCE_CLASSIFICATION,
              List.of("a", "b", "c"),
              "CrossEntropyLoss",
              1,
              List.of(),
              0),
          new TaskSpec(
              "slots", TaskType.NER, List.of("O", "B-x", "I-x"), "NERLoss", 1, List.of(), 0));

  static Map<String, FloatTensor> weights(EncoderConfig config, List<TaskSpec> tasks) {
    Map<String, FloatTensor> all = new LinkedHashMap<>(RandomWeights.of(config, true, 1));
    Random random = new Random(2);
    for (TaskSpec t : tasks) {
      int classes = t.labels().size();
      all.put("heads." + t.name() + ".weight", gaussian(random, classes, config.hiddenSize()));
      all.put("heads." + t.name() + ".bias", gaussian(random, classes));
    }
    return all;
  }

  static FloatTensor gaussian(Random random, long... shape) {
    float[] data = new float[(int) FloatTensor.size(shape)];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * 0.1);
    }
    return new FloatTensor(shape, data);
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void initializersCarryTheSpecsNamesAndBytesAndOrtRunsAnyShape(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    Map<String, FloatTensor> weights = weights(config, TASKS);
    Model model = GraphExporter.build(new ExportRequest(config, weights, TASKS, Map.of("k", "v")));

    assertThat(model.irVersion()).isEqualTo(OnnxDefaults.IR_VERSION);
    assertThat(model.opsets()).containsExactlyEntriesOf(Map.of("", OnnxDefaults.AI_ONNX_OPSET));
    assertThat(model.metadata())
        .containsEntry("k", "v")
        .containsEntry(GraphExporter.FLAVOUR_KEY, "portable");
    assertThat(model.graph().nodes()).allSatisfy(n -> assertThat(n.domain()).isEmpty());
    for (ParameterSpec spec : config.parameters(true)) {
      if (spec.name().equals("mask_emb")) {
        continue; // XLNet's two-stream pre-training embedding has no part in inference
      }
      Tensor t = model.graph().initializers().get(spec.name());
      assertThat(t).as(spec.name()).isNotNull();
      assertThat(t.dims()).as(spec.name()).isEqualTo(spec.shape());
      assertThat(bytes(t)).as(spec.name()).isEqualTo(littleEndian(weights.get(spec.name()).data()));
    }
    for (Value v : model.graph().inputs()) {
      assertThat(v.shape().toString()).as(v.name()).contains("batch").contains("sequence");
    }
    assertThat(model.graph().outputs())
        .extracting(Value::name)
        .containsExactly("intent.logits", "slots.logits");

    try (InferenceSession runner =
        InferenceSession.open(OnnxWriter.toBytes(model), ParityGate.SESSION_OPTIONS)) {
      for (int[] shape : new int[][] {{1, 1}, {2, 5}, {3, 9}}) {
        long[][] ids = new long[shape[0]][shape[1]];
        long[][] mask = new long[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
          for (int c = 0; c < shape[1]; c++) {
            ids[r][c] = 3 + (r * 7 + c) % 50;
            mask[r][c] = 1;
          }
        }
        Map<String, FloatTensor> out = runner.run(Map.of("input_ids", ids, "attention_mask", mask));
        assertThat(out.get("intent.logits").shape()).containsExactly(shape[0], 3);
        assertThat(out.get("slots.logits").shape()).containsExactly(shape[0], shape[1], 3);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(EncoderFamily.class)
  void anEncoderOnlyGraphOutputsTheHiddenStatesAndThePoolerWhereThereIsOne(EncoderFamily family) {
    EncoderConfig config = Presets.tiny(family).config();
    Model model =
        GraphExporter.build(
            new ExportRequest(config, weights(config, List.of()), List.of(), Map.of()));
    List<String> expected =
        family.hasPooler()
            ? List.of("last_hidden_state", "pooler_output")
            : List.of("last_hidden_state");
    assertThat(model.graph().outputs()).extracting(Value::name).containsExactlyElementsOf(expected);
  }

  @Test
  void aMissingOrMisshapenHeadIsNamed() {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    Map<String, FloatTensor> weights = weights(config, TASKS);
    weights.put("heads.slots.bias", new FloatTensor(new long[] {4}, new float[4]));
    assertThatThrownBy(
            () -> GraphExporter.build(new ExportRequest(config, weights, TASKS, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task 'slots'")
        .hasMessageContaining("heads.slots.bias has shape [4], expected [3]");
    weights.remove("encoder.layer.1.output.dense.weight");
    assertThatThrownBy(
            () -> GraphExporter.build(new ExportRequest(config, weights, List.of(), Map.of())))
        .hasMessageContaining("encoder.layer.1.output.dense.weight");
  }

  static byte[] bytes(Tensor t) {
    ByteBuffer b = t.bytes().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  static byte[] littleEndian(float[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    return b.array();
  }
}
