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
    return List.of(
        NamedTensor.of("slots.logits", tokens, TOKENS_SHAPE),
        NamedTensor.of("intent.logits", intents, 2, 5));
  }

  private static List<NamedTensor> withChange(
      List<NamedTensor> tensors, String name, int flat, float delta) {
    return tensors.stream()
        .map(
            t -> {
              if (!t.name().equals(name)) {
                return t;
              }
              float[] data = t.data().clone();
              data[flat] += delta;
              return new NamedTensor(t.name(), t.shape(), data);
            })
        .toList();
  }

  @Test
  void identicalTensorsPassEveryTier() {
    for (Tier tier : Tier.values()) {
      ParityReport report = ParityComparator.compare(outputs(), outputs(), tier);
      assertThat(report.passed()).as(tier.name()).isTrue();
      assertThat(report.failures()).isEmpty();
      assertThat(report.outputs())
          .allSatisfy(
              o -> {
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
    assertThat(portable.failures())
        .singleElement()
        .asString()
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
    assertThat(fused.failures())
        .anySatisfy(
            f -> assertThat(f).contains("intent.logits").contains("argmax differs in 1 of 2 rows"));
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
    assertThat(
            ParityComparator.compare(
                    reference, List.of(NamedTensor.of("x.logits", twoOff, rows, 2)), Tier.FP16)
                .passed())
        .as("398 of 400 = 99.5%")
        .isTrue();
    ParityReport failed =
        ParityComparator.compare(
            reference, List.of(NamedTensor.of("x.logits", threeOff, rows, 2)), Tier.FP16);
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
    ParityReport masked =
        ParityComparator.compare(outputs(), candidate, Optional.of(mask), Tier.FP16);
    OutputComparison slots = masked.outputs().get(0);
    assertThat(slots.masked()).isTrue();
    assertThat(slots.argmaxRows()).isEqualTo(5);
    assertThat(slots.argmaxAgreement()).isEqualTo(1.0);
    assertThat(masked.outputs().get(1).masked()).as("sentence outputs ignore the mask").isFalse();
    OutputComparison unmasked =
        ParityComparator.compare(outputs(), candidate, Tier.FP16).outputs().get(0);
    assertThat(unmasked.argmaxRows()).isEqualTo(6);
    assertThat(unmasked.argmaxMismatches()).isEqualTo(1);
    assertThat(unmasked.firstArgmaxMismatch()).containsExactly(1, 2);
  }

  @Test
  void aRowThatIsAllPaddingCountsNoArgmaxRowAndLengthOneWorks() {
    List<NamedTensor> candidate = withChange(outputs(), "slots.logits", 12 + 4 + 2, 50f);
    AttentionMask mask = AttentionMask.of(new long[][] {{1, 1, 0}, {0, 0, 0}});
    OutputComparison slots =
        ParityComparator.compare(outputs(), candidate, Optional.of(mask), Tier.FUSED)
            .outputs()
            .get(0);
    assertThat(slots.argmaxRows()).isEqualTo(2);
    assertThat(slots.argmaxAgreement()).isEqualTo(1.0);
    assertThat(slots.maxAbsDiff())
        .as("differences still cover padding")
        .isCloseTo(50.0, within(1e-4));

    float[] one = {0.25f, -1f, 3f};
    List<NamedTensor> single = List.of(NamedTensor.of("ner.logits", one, 1, 1, 3));
    ParityReport report =
        ParityComparator.compare(
            single, single, Optional.of(AttentionMask.of(new long[][] {{1}})), Tier.PORTABLE);
    assertThat(report.passed()).isTrue();
    assertThat(report.outputs().get(0).argmaxRows()).isEqualTo(1);
  }

  @Test
  void aMaskOfTheWrongShapeIsAFailureNamingTheOutput() {
    AttentionMask mask = AttentionMask.of(new long[][] {{1, 1}, {1, 1}});
    ParityReport report =
        ParityComparator.compare(outputs(), outputs(), Optional.of(mask), Tier.PORTABLE);
    assertThat(report.failures())
        .singleElement()
        .asString()
        .contains("slots.logits")
        .contains("[2, 2]");
  }

  @Test
  void missingExtraAndMisshapenOutputsAreFailuresNamingTheOutput() {
    List<NamedTensor> ref = outputs();
    List<NamedTensor> candidate =
        List.of(
            NamedTensor.of("slots.logits", new float[24], 2, 4, 3),
            NamedTensor.of("extra.logits", new float[1], 1));
    ParityReport report = ParityComparator.compare(ref, candidate, Tier.INT8);
    assertThat(report.passed()).isFalse();
    assertThat(report.failures())
        .containsExactly(
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
      assertThat(report.failures())
          .anySatisfy(f -> assertThat(f).contains("non-finite").contains("[0, 3]"));
    }
    JsonNode json =
        new ObjectMapper()
            .readTree(ParityComparator.compare(outputs(), candidate, Tier.FUSED).toJson());
    assertThat(json.path("outputs").path(1).path("maxAbsDiff").asText()).isEqualTo("Infinity");
    assertThat(ParityComparator.difference(Float.NaN, Float.NaN)).isZero();
    assertThat(ParityComparator.difference(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY))
        .isZero();
    assertThat(ParityComparator.difference(1f, Float.POSITIVE_INFINITY)).isInfinite();
  }

  @Test
  void jsonCarriesThePerOutputFields() throws Exception {
    List<NamedTensor> candidate = withChange(outputs(), "slots.logits", 21, 2e-5f);
    JsonNode json =
        new ObjectMapper()
            .readTree(ParityComparator.compare(outputs(), candidate, Tier.PORTABLE).toJson());
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
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tensor 'x'")
        .hasMessageContaining("[2, 3]");
    List<NamedTensor> twice = List.of(outputs().get(1), outputs().get(1));
    assertThatThrownBy(() -> ParityComparator.compare(twice, twice, Tier.PORTABLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'intent.logits' twice");
    assertThat(Tier.parse("Fp16")).isEqualTo(Tier.FP16);
    assertThatThrownBy(() -> Tier.parse("bf16"))
        .hasMessageContaining("portable, fused, fp16, int8");
  }

  @Test
  void taskMetricGateUsesPointsOfEachMetricsScale() {
    List<TaskMetricGate.Check> checks =
        TaskMetricGate.check(
            "intent",
            Map.of("classification_accuracy", 90.0, "classification_f1_score", 0.90),
            Map.of("classification_accuracy", 89.5, "classification_f1_score", 0.893),
            Tier.INT8);
    assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.describe()).isTrue());
    List<TaskMetricGate.Check> fp16 =
        TaskMetricGate.check(
            "intent",
            Map.of("classification_f1_score", 0.90),
            Map.of("classification_f1_score", 0.897),
            Tier.FP16);
    assertThat(fp16.get(0).deltaPoints()).isCloseTo(0.3, within(1e-9));
    assertThat(fp16.get(0).passed()).isFalse();
    assertThat(fp16.get(0).describe()).contains("FAIL");
    assertThatThrownBy(() -> TaskMetricGate.check("t", Map.of(), Map.of(), Tier.PORTABLE))
        .hasMessageContaining("no task-metric gate");
  }

  /** One [rows, classes] output whose every row is {@code base}, class 0 highest by {@code gap}. */
  private static NamedTensor rows(String name, float base, float gap, int rows, int classes) {
    float[] data = new float[rows * classes];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < classes; c++) {
        data[r * classes + c] = base - c * gap;
      }
    }
    return NamedTensor.of(name, data, rows, classes);
  }

  private static NamedTensor scaled(NamedTensor t, int flat, double factor) {
    float[] data = t.data().clone();
    data[flat] = (float) (data[flat] * factor);
    return new NamedTensor(t.name(), t.shape(), data);
  }

  private static NamedTensor shifted(NamedTensor t, int flat, float delta) {
    float[] data = t.data().clone();
    data[flat] += delta;
    return new NamedTensor(t.name(), t.shape(), data);
  }

  @Test
  void logitsNear12Point5DifferingBy1Point3em5PassPortableAnd1em4FailsIt() {
    // the reported case: 12.49840259552002 against 12.498414993286133, 13 float32 ulps apart
    NamedTensor ref =
        NamedTensor.of("ner.logits", new float[] {12.49840259552002f, 3.1f, -2f}, 1, 3);
    NamedTensor close =
        NamedTensor.of("ner.logits", new float[] {12.498414993286133f, 3.1f, -2f}, 1, 3);
    ParityReport pass = ParityComparator.compare(List.of(ref), List.of(close), Tier.PORTABLE);
    assertThat(pass.passed()).as(pass.toText()).isTrue();
    OutputComparison o = pass.outputs().get(0);
    assertThat(o.maxAbsDiff()).isCloseTo(1.24e-5, within(1e-7)).isGreaterThan(Tier.PORTABLE.atol());
    assertThat(o.worstElement().tolerance()).isCloseTo(1e-5 + 1.3e-6 * 12.4984, within(1e-9));
    assertThat(o.maxRelativeExcess()).isLessThanOrEqualTo(Tier.PORTABLE.rtol()).isPositive();
    assertThat(o.beyondTolerance()).isZero();

    ParityReport fail =
        ParityComparator.compare(List.of(ref), List.of(shifted(ref, 0, 1e-4f)), Tier.PORTABLE);
    assertThat(fail.passed()).isFalse();
    assertThat(fail.failures())
        .singleElement()
        .asString()
        .contains("output 'ner.logits'")
        .contains("[0, 0]")
        .contains("portable")
        .contains("tolerance");
    assertThat(fail.outputs().get(0).maxRelativeExcess()).isGreaterThan(Tier.PORTABLE.rtol());
    assertThat(fail.toText()).contains("tolerance used").contains("1e-05 + 1.3e-06");
  }

  @Test
  void theFusedTierAllowsItsOwnRelativeTermAtTheSameMagnitudes() {
    NamedTensor ref = NamedTensor.of("intent.logits", new float[] {12.5f, 3.1f, -2f}, 1, 3);
    // tolerance at 12.5: 1e-4 + 1e-4 * 12.5 = 1.35e-3; the absolute bound alone (1e-4) refuses 1e-3
    ParityReport pass =
        ParityComparator.compare(List.of(ref), List.of(shifted(ref, 0, 1e-3f)), Tier.FUSED);
    assertThat(pass.passed()).as(pass.toText()).isTrue();
    assertThat(pass.outputs().get(0).maxAbsDiff()).isGreaterThan(Tier.FUSED.atol());
    ParityReport fail =
        ParityComparator.compare(List.of(ref), List.of(shifted(ref, 0, 2e-3f)), Tier.FUSED);
    assertThat(fail.passed()).isFalse();
    assertThat(fail.failures()).singleElement().asString().contains("fused").contains("[0, 0]");
    assertThat(
            ParityComparator.compare(List.of(ref), List.of(shifted(ref, 0, 1e-3f)), Tier.PORTABLE)
                .passed())
        .as("1e-3 at 12.5 is far beyond the portable tier")
        .isFalse();
  }

  @Test
  void relativeDifferencesOfOnePartInAMillionPassAndOnePartInTenThousandFailAtAnyMagnitude() {
    for (float magnitude : new float[] {11f, 40f, 250f}) {
      NamedTensor ref = rows("x.logits", magnitude, 3f, 4, 3);
      NamedTensor near = scaled(ref, 4, 1 + 1e-6);
      NamedTensor far = scaled(ref, 4, 1 + 1e-4);
      assertThat(ParityComparator.compare(List.of(ref), List.of(near), Tier.PORTABLE).passed())
          .as("%s", magnitude)
          .isTrue();
      ParityReport failed = ParityComparator.compare(List.of(ref), List.of(far), Tier.PORTABLE);
      assertThat(failed.passed()).as("%s", magnitude).isFalse();
      assertThat(failed.outputs().get(0).worstElement().index()).containsExactly(1, 1);
    }
  }

  @Test
  void aRowWhoseTopTwoReferenceValuesTieIsCountedApartNotAsADisagreement() {
    // row 1: the two largest reference values are 2e-6 apart at 12.5, within the portable tolerance
    float[] ref = {12.5f, 3f, 1f, 12.500002f, 12.5f, 1f, 8f, 1f, 0.5f};
    float[] swapped = ref.clone();
    swapped[4] = 12.500004f; // candidate within tolerance, argmax moves from class 0 to class 1
    NamedTensor r = NamedTensor.of("intent.logits", ref, 3, 3);
    NamedTensor c = NamedTensor.of("intent.logits", swapped, 3, 3);
    ParityReport portable = ParityComparator.compare(List.of(r), List.of(c), Tier.PORTABLE);
    assertThat(portable.passed()).as(portable.toText()).isTrue();
    OutputComparison o = portable.outputs().get(0);
    assertThat(o.argmaxTies()).isEqualTo(1);
    assertThat(o.argmaxMismatches()).isZero();
    assertThat(portable.toText()).contains("1 reference ties");
    assertThat(Tier.PORTABLE.isTie(ref, 3, 3)).isTrue();
    assertThat(Tier.PORTABLE.isTie(ref, 0, 3)).isFalse();

    // the fp16 tier keeps its own rule: no ties, the swapped row is a disagreement
    OutputComparison fp16 =
        ParityComparator.compare(List.of(r), List.of(c), Tier.FP16).outputs().get(0);
    assertThat(fp16.argmaxTies()).isZero();
    assertThat(fp16.argmaxMismatches()).isEqualTo(1);
    assertThat(Tier.INT8.isTie(ref, 3, 3)).isFalse();

    // a gap beyond the tolerances is no tie: swapping it is a disagreement
    float[] apart = {12.5f, 12.4f, 1f};
    float[] flipped = {12.5f, 12.6f, 1f};
    ParityReport fused =
        ParityComparator.compare(
            List.of(NamedTensor.of("t.logits", apart, 1, 3)),
            List.of(NamedTensor.of("t.logits", flipped, 1, 3)),
            Tier.FUSED);
    assertThat(fused.outputs().get(0).argmaxTies()).isZero();
    assertThat(fused.failures())
        .anySatisfy(f -> assertThat(f).contains("argmax differs in 1 of 1 rows"));
  }
}
