package org.mtl4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtl4j.graph.io.OnnxWriter;
import org.mtl4j.metrics.parity.Tier;
import org.mtl4j.runtime.InferenceSession;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.encoder.Presets;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The cross-engine situation without depending on the processor: a graph whose head weights are
 * scaled until logits exceed 10, judged against a reference made from its own ONNX Runtime outputs
 * times a factor, as libtorch's outputs differ from ONNX Runtime's in the last bits.
 */
class ParityGateToleranceTest {

  private static final List<TaskSpec> TASKS =
      List.of(
          new TaskSpec(
              "intent",
              TaskType.SINGLE_SENTENCE_CLASSIFICATION,
              List.of("a", "b", "c"),
              "CrossEntropyLoss",
              1,
              List.of("classification_accuracy"),
              0),
          new TaskSpec(
              "slots",
              TaskType.NER,
              List.of("O", "B-x", "I-x"),
              "NERLoss",
              1,
              List.of("seqeval_f1_score"),
              0));

  private static InferenceSession runner;
  private static List<Map<String, long[][]>> inputs;
  private static List<Map<String, FloatTensor>> outputs;

  @BeforeAll
  static void runTheScaledGraph() {
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    Map<String, FloatTensor> weights = scaledWeights(config);
    runner =
        InferenceSession.open(
            OnnxWriter.toBytes(
                GraphExporter.build(new ExportRequest(config, weights, TASKS, Map.of()))),
            ParityGate.SESSION_OPTIONS);
    inputs = new ArrayList<>();
    outputs = new ArrayList<>();
    for (int[] shape : new int[][] {{2, 6}, {3, 9}}) {
      long[][] ids = new long[shape[0]][shape[1]];
      long[][] mask = new long[shape[0]][shape[1]];
      for (int r = 0; r < shape[0]; r++) {
        for (int c = 0; c < shape[1]; c++) {
          ids[r][c] = 3 + (r * 11 + c * 5) % 60;
          mask[r][c] = c < shape[1] - r ? 1 : 0;
        }
      }
      Map<String, long[][]> in = Map.of("input_ids", ids, "attention_mask", mask);
      inputs.add(in);
      outputs.add(runner.run(in));
    }
  }

  @AfterAll
  static void close() {
    runner.close();
  }

  @Test
  void theScaledHeadsGiveLogitsAboveTen() {
    float max = 0;
    for (Map<String, FloatTensor> out : outputs) {
      for (FloatTensor t : out.values()) {
        for (float v : t.data()) {
          max = Math.max(max, Math.abs(v));
        }
      }
    }
    assertThat(max).isGreaterThan(10f);
  }

  @Test
  void aReferenceOnePartInAMillionAwayPasses() {
    GateReport report = ParityGate.run(runner, reference(1 + 1e-6), TASKS, Tier.PORTABLE);
    assertThat(report.passed()).as(report.toText()).isTrue();
    assertThat(report.perOutput().get("intent.logits").maxAbsDiff())
        .as("the absolute bound alone would have refused this")
        .isGreaterThan(Tier.PORTABLE.atol());
    assertThat(report.metrics()).containsOnlyKeys("intent", "slots");
  }

  @Test
  void aReferenceOnePartInTenThousandAwayFailsNamingTheOutputAndTheElement() {
    GateReport report = ParityGate.run(runner, reference(1 + 1e-4), TASKS, Tier.PORTABLE);
    assertThat(report.passed()).isFalse();
    assertThat(report.failures())
        .anySatisfy(
            f ->
                assertThat(f)
                    .contains("output 'dev-a/intent.logits'")
                    .containsPattern("worst at \\[\\d+, \\d+\\]")
                    .contains("portable"));
    assertThat(report.failures())
        .anySatisfy(
            f ->
                assertThat(f)
                    .contains("/slots.logits'")
                    .containsPattern("worst at \\[\\d+, \\d+, \\d+\\]"));
    assertThat(report.toText()).contains("parity gate: FAIL");
    assertThat(report.toJsonNode().at("/outputs/intent.logits/toleranceUsed").asDouble())
        .isGreaterThan(1.0);
    assertThat(ParityGate.run(runner, reference(1 + 1e-4), TASKS, Tier.FUSED).passed())
        .as("the fused tier allows 1e-4 relative")
        .isTrue();
  }

  @Test
  void tieRowsTakeTheReferencesLabelOnBothSidesOfTheDevMetrics() {
    // intent classes 0 and 1 get the same head weights, so ONNX Runtime ties them in every row
    EncoderConfig config = Presets.tiny(EncoderFamily.BERT).config();
    Map<String, FloatTensor> weights = scaledWeights(config);
    float[] w = weights.get("heads.intent.weight").data();
    System.arraycopy(w, 0, w, config.hiddenSize(), config.hiddenSize());
    weights.get("heads.intent.bias").data()[1] = weights.get("heads.intent.bias").data()[0];
    try (InferenceSession tied =
        InferenceSession.open(
            OnnxWriter.toBytes(
                GraphExporter.build(new ExportRequest(config, weights, TASKS, Map.of()))),
            ParityGate.SESSION_OPTIONS)) {
      List<ReferenceBatch> batches = new ArrayList<>();
      int tieRows = 0;
      for (int b = 0; b < inputs.size(); b++) {
        Map<String, FloatTensor> outs = new LinkedHashMap<>(tied.run(inputs.get(b)));
        FloatTensor intent = outs.get("intent.logits");
        float[] ref = intent.data().clone();
        for (int r = 0; r < ref.length / 3; r++) {
          if (ref[3 * r + 1] >= ref[3 * r + 2]) {
            ref[3 * r + 1] =
                Math.nextUp(
                    ref[3 * r]); // the reference's argmax is class 1, the candidate's class 0
            tieRows++;
          }
        }
        outs.put("intent.logits", new FloatTensor(intent.shape(), ref));
        long[][] ids = inputs.get(b).get("input_ids");
        long[][] gold = new long[ids.length][1];
        for (long[] g : gold) {
          g[0] = 1;
        }
        batches.add(
            new ReferenceBatch(
                "dev-" + b,
                ReferenceBatch.DEV,
                ids,
                inputs.get(b).get("attention_mask"),
                null,
                outs,
                Map.of("intent", gold)));
      }
      assertThat(tieRows).isPositive();
      ReferenceSet reference = new ReferenceSet(batches);

      GateReport report = ParityGate.run(tied, reference, TASKS.subList(0, 1), Tier.PORTABLE);
      assertThat(report.passed()).as(report.toText()).isTrue();
      assertThat(report.perOutput().get("intent.logits").argmaxTies()).isEqualTo(tieRows);
      assertThat(report.metrics().get("intent").get("classification_accuracy"))
          .satisfies(v -> assertThat(v[1]).isEqualTo(v[0]).isPositive());

      GateReport fp16 = ParityGate.run(tied, reference, TASKS.subList(0, 1), Tier.FP16);
      assertThat(fp16.perOutput().get("intent.logits").argmaxTies())
          .as("fp16 has no tie rule")
          .isZero();
      assertThat(fp16.metricFailures())
          .as("without the tie rule the candidate's labels differ")
          .anySatisfy(f -> assertThat(f).contains("classification_accuracy"));
    }
  }

  /** Seeded weights with head weights scaled until logits exceed 10. */
  private static Map<String, FloatTensor> scaledWeights(EncoderConfig config) {
    Map<String, FloatTensor> weights = GraphExporterTest.weights(config, TASKS);
    for (TaskSpec t : TASKS) {
      weights.put(
          "heads." + t.name() + ".weight",
          times(weights.get("heads." + t.name() + ".weight"), 400));
    }
    return weights;
  }

  /** Dev batches whose outputs are ONNX Runtime's own times {@code factor}, with gold labels. */
  private static ReferenceSet reference(double factor) {
    List<ReferenceBatch> batches = new ArrayList<>();
    for (int b = 0; b < inputs.size(); b++) {
      long[][] ids = inputs.get(b).get("input_ids");
      long[][] mask = inputs.get(b).get("attention_mask");
      Map<String, FloatTensor> outs = new LinkedHashMap<>();
      outputs.get(b).forEach((name, t) -> outs.put(name, times(t, factor)));
      long[][] intentGold = new long[ids.length][1];
      long[][] slotGold = new long[ids.length][ids[0].length];
      for (int r = 0; r < ids.length; r++) {
        intentGold[r][0] = r % 3;
        for (int s = 0; s < ids[0].length; s++) {
          slotGold[r][s] = mask[r][s] == 0 ? ReferenceBatch.IGNORED : (r + s) % 3;
        }
      }
      batches.add(
          new ReferenceBatch(
              "dev-" + (char) ('a' + b),
              ReferenceBatch.DEV,
              ids,
              mask,
              null,
              outs,
              Map.of("intent", intentGold, "slots", slotGold)));
    }
    return new ReferenceSet(batches);
  }

  private static FloatTensor times(FloatTensor t, double factor) {
    float[] data = t.data().clone();
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (data[i] * factor);
    }
    return new FloatTensor(t.shape(), data);
  }
}
