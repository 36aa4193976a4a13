package org.mtl4j.metrics.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParityComparatorTest {

  private static final long[] TOKENS_SHAPE = {2, 3, 4};

  /** A [2, 3, 4] token output and a [2, 5] sentence output with clear maxima. */
  private static List<NamedTensor> outputs() {
    Random random = new Random(7);
    float[] tokens = new float[24];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = random.nextFloat() * 2 - 1 + (i % 4 == (i / 4) % 4 ? 3f : 0f);
    }
    float[] intents = new float[10];
    for (int i = 0; i < intents.length; i++) {
      intents[i] = random.nextFloat() + (i % 5 == 2 ? 2f : 0f);
    }
    return List.of(NamedTensor.of("slots.logits", tokens, TOKENS_SHAPE), NamedTensor.of("intent.logits", intents, 2, 5));
  }

  private static List<NamedTensor> withChange(List<NamedTensor> tensors, String name, int flat, float delta) {
    return tensors.stream().map(t -> {
      if (!t.name().equals(name)) {
        return t;
      }
      float[] data = t.data().clone();
      data[flat] += delta;
      return new NamedTensor(t.name(), t.shape(), data);
    }).toList();
  }

  @Test
  void identicalTensorsPassEveryTier() {
    for (Tier tier : Tier.values()) {
      ParityReport report = ParityComparator.compare(outputs(), outputs(), tier);
      assertThat(report.passed()).as(tier.name()).isTrue();
      assertThat(report.failures()).isEmpty();
      assertThat(report.outputs()).allSatisfy(o -> {
        assertThat(o.maxAbsDiff()).isZero();
        assertThat(o.argmaxAgreement()).isEqualTo(1.0);
      });
    }
  }

  @Test
  void oneElementMovedBy2em5FailsPortablePassesFusedAndIsNamed() {
    // element [1, 2, 1] of slots.logits: flat 1*12 + 2*4 + 1 = 21
    List<NamedTensor> candidate = withChange(outputs(), "slots.logits", 21, 2e-5f);

    ParityReport portable = ParityComparator.compare(outputs(), candidate, Tier.PORTABLE);
    assertThat(portable.passed()).isFalse();
    assertThat(portable.failures()).singleElement().asString()
        .contains("output 'slots.logits'")
        .contains("[1, 2, 1]")
        .contains("portable");
    OutputComparison slots = portable.outputs().get(0);
    assertThat(slots.worstIndex()).containsExactly(1, 2, 1);
    assertThat(slots.maxAbsDiff()).isCloseTo(2e-5, within(1e-6));
    assertThat(slots.meanAbsDiff()).isCloseTo(slots.maxAbsDiff() / 24, within(1e-12));
    assertThat(portable.toText()).contains("FAIL").contains("slots.logits").contains("[1, 2, 1]");

    ParityReport fused = ParityComparator.compare(outputs(), candidate, Tier.FUSED);
    assertThat(fused.passed()).isTrue();
  }

  @Test
  void aChangedArgmaxFailsTheExactTiersAndIsLocated() {
    // row [1] of intent.logits: push class 0 far above the rest
    List<NamedTensor> candidate = withChange(outputs(), "intent.logits", 5, 10f);
    ParityReport fused = ParityComparator.compare(outputs(), candidate, Tier.FUSED);
    OutputComparison intent = fused.outputs().get(1);
    assertThat(intent.argmaxRows()).isEqualTo(2);
    assertThat(intent.argmaxMismatches()).isEqualTo(1);
    assertThat(intent.argmaxAgreement()).isEqualTo(0.5);
    assertThat(intent.firstArgmaxMismatch()).containsExactly(1);
    assertThat(fused.failures()).anySatisfy(f -> assertThat(f).contains("intent.logits").contains("argmax differs in 1 of 2 rows"));
    assertThat(ParityComparator.compare(outputs(), candidate, Tier.FP16).passed()).isFalse();
    assertThat(ParityComparator.compare(outputs(), candidate, Tier.INT8).passed()).isTrue();
  }

  @Test
  void fp16NeedsArgmaxAgreementOf99Point5Percent() {
    int rows = 400;
    float[] ref = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      ref[2 * r] = 1f;
    }
    float[] twoOff = ref.clone();
    twoOff[1] = 2f;
    twoOff[3] = 2f;
    float[] threeOff = twoOff.clone();
    threeOff[5] = 2f;
    List<NamedTensor> reference = List.of(NamedTensor.of("x.logits", ref, rows, 2));
    assertThat(ParityComparator.compare(reference, List.of(NamedTensor.of("x.logits", twoOff, rows, 2)), Tier.FP16).passed())
        .as("398 of 400 = 99.5%").isTrue();
    ParityReport failed = ParityComparator.compare(reference, List.of(NamedTensor.of("x.logits", threeOff, rows, 2)), Tier.FP16);
    assertThat(failed.passed()).as("397 of 400").isFalse();
    assertThat(failed.failures().get(0)).contains("99.2500%").contains("99.5%");
    assertThat(failed.taskMetricsRequired()).isTrue();
    assertThat(failed.toText()).contains("0.2 points");
  }

  @Test
  void maskedPositionsAreLeftOutOfArgmaxAgreement() {
    // move the maximum at the padding position [1, 2] only
    List<NamedTensor> candidate = withChange(outputs(), "slots.logits", 1 * 12 + 2 * 4, 50f);
    AttentionMask mask = AttentionMask.of(new long[][] {{1, 1, 1}, {1, 1, 0}});
    ParityReport masked = ParityComparator.compare(outputs(), candidate, Optional.of(mask), Tier.FP16);
    OutputComparison slots = masked.outputs().get(0);
    assertThat(slots.masked()).isTrue();
    assertThat(slots.argmaxRows()).isEqualTo(5);
    assertThat(slots.argmaxAgreement()).isEqualTo(1.0);
    assertThat(masked.outputs().get(1).masked()).as("sentence outputs ignore the mask").isFalse();
    OutputComparison unmasked = ParityComparator.compare(outputs(), candidate, Tier.FP16).outputs().get(0);
    assertThat(unmasked.argmaxRows()).isEqualTo(6);
    assertThat(unmasked.argmaxMismatches()).isEqualTo(1);
    assertThat(unmasked.firstArgmaxMismatch()).containsExactly(1, 2);
  }

  @Test
  void aRowThatIsAllPaddingCountsNoArgmaxRowAndLengthOneWorks() {
    List<NamedTensor> candidate = withChange(outputs(), "slots.logits", 12 + 4 + 2, 50f);
    AttentionMask mask = AttentionMask.of(new long[][] {{1, 1, 0}, {0, 0, 0}});
    OutputComparison slots = ParityComparator.compare(outputs(), candidate, Optional.of(mask), Tier.FUSED).outputs().get(0);
    assertThat(slots.argmaxRows()).isEqualTo(2);
    assertThat(slots.argmaxAgreement()).isEqualTo(1.0);
    assertThat(slots.maxAbsDiff()).as("differences still cover padding").isCloseTo(50.0, within(1e-4));

    float[] one = {0.25f, -1f, 3f};
    List<NamedTensor> single = List.of(NamedTensor.of("ner.logits", one, 1, 1, 3));
    ParityReport report = ParityComparator.compare(single, single,
        Optional.of(AttentionMask.of(new long[][] {{1}})), Tier.PORTABLE);
    assertThat(report.passed()).isTrue();
    assertThat(report.outputs().get(0).argmaxRows()).isEqualTo(1);
  }

  @Test
  void aMaskOfTheWrongShapeIsAFailureNamingTheOutput() {
    AttentionMask mask = AttentionMask.of(new long[][] {{1, 1}, {1, 1}});
    ParityReport report = ParityComparator.compare(outputs(), outputs(), Optional.of(mask), Tier.PORTABLE);
    assertThat(report.failures()).singleElement().asString().contains("slots.logits").contains("[2, 2]");
  }

  @Test
  void missingExtraAndMisshapenOutputsAreFailuresNamingTheOutput() {
    List<NamedTensor> ref = outputs();
    List<NamedTensor> candidate = List.of(
        NamedTensor.of("slots.logits", new float[24], 2, 4, 3),
        NamedTensor.of("extra.logits", new float[1], 1));
    ParityReport report = ParityComparator.compare(ref, candidate, Tier.INT8);
    assertThat(report.passed()).isFalse();
    assertThat(report.failures()).containsExactly(
        "output 'slots.logits' has shape [2, 4, 3] in the candidate but [2, 3, 4] in the reference",
        "output 'intent.logits' is missing from the candidate",
        "output 'extra.logits' is in the candidate but not in the reference");
  }

  @Test
  void nonFiniteDifferencesFailEveryTier() throws Exception {
    List<NamedTensor> candidate = withChange(outputs(), "intent.logits", 3, Float.NaN);
    for (Tier tier : Tier.values()) {
      ParityReport report = ParityComparator.compare(outputs(), candidate, tier);
      assertThat(report.passed()).as(tier.name()).isFalse();
      assertThat(report.failures()).anySatisfy(f -> assertThat(f).contains("non-finite").contains("[0, 3]"));
    }
    JsonNode json = new ObjectMapper().readTree(ParityComparator.compare(outputs(), candidate, Tier.FUSED).toJson());
    assertThat(json.path("outputs").path(1).path("maxAbsDiff").asText()).isEqualTo("Infinity");
    assertThat(ParityComparator.difference(Float.NaN, Float.NaN)).isZero();
    assertThat(ParityComparator.difference(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY)).isZero();
    assertThat(ParityComparator.difference(1f, Float.POSITIVE_INFINITY)).isInfinite();
  }

  @Test
  void jsonCarriesThePerOutputFields() throws Exception {
    List<NamedTensor> candidate = withChange(outputs(), "slots.logits", 21, 2e-5f);
    JsonNode json = new ObjectMapper().readTree(ParityComparator.compare(outputs(), candidate, Tier.PORTABLE).toJson());
    assertThat(json.path("tier").asText()).isEqualTo("portable");
    assertThat(json.path("passed").asBoolean()).isFalse();
    JsonNode slots = json.path("outputs").path(0);
    assertThat(slots.path("name").asText()).isEqualTo("slots.logits");
    assertThat(slots.path("maxAbsDiff").asDouble()).isCloseTo(2e-5, within(1e-6));
    assertThat(slots.path("argmaxAgreement").asDouble()).isEqualTo(1.0);
    assertThat(slots.path("worstIndex").toString()).isEqualTo("[1,2,1]");
    assertThat(slots.path("passed").asBoolean()).isFalse();
    assertThat(json.path("failures").size()).isEqualTo(1);
  }

  @Test
  void badTensorsAndDuplicateNamesAreRejected() {
    assertThatThrownBy(() -> NamedTensor.of("x", new float[5], 2, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tensor 'x'").hasMessageContaining("[2, 3]");
    List<NamedTensor> twice = List.of(outputs().get(1), outputs().get(1));
    assertThatThrownBy(() -> ParityComparator.compare(twice, twice, Tier.PORTABLE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'intent.logits' twice");
    assertThat(Tier.parse("Fp16")).isEqualTo(Tier.FP16);
    assertThatThrownBy(() -> Tier.parse("bf16")).hasMessageContaining("portable, fused, fp16, int8");
  }

  @Test
  void taskMetricGateUsesPointsOfEachMetricsScale() {
    List<TaskMetricGate.Check> checks = TaskMetricGate.check("intent",
        Map.of("classification_accuracy", 90.0, "classification_f1_score", 0.90),
        Map.of("classification_accuracy", 89.5, "classification_f1_score", 0.893), Tier.INT8);
    assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.describe()).isTrue());
    List<TaskMetricGate.Check> fp16 = TaskMetricGate.check("intent",
        Map.of("classification_f1_score", 0.90), Map.of("classification_f1_score", 0.897), Tier.FP16);
    assertThat(fp16.get(0).deltaPoints()).isCloseTo(0.3, within(1e-9));
    assertThat(fp16.get(0).passed()).isFalse();
    assertThat(fp16.get(0).describe()).contains("FAIL");
    assertThatThrownBy(() -> TaskMetricGate.check("t", Map.of(), Map.of(), Tier.PORTABLE))
        .hasMessageContaining("no task-metric gate");
  }
}
