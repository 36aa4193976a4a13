package org.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mtl4j.metrics.classification.ClassificationReport;
import org.mtl4j.metrics.classification.MultiLabelScores;
import org.mtl4j.metrics.tagging.Chunking;
import org.mtl4j.metrics.tagging.EntityReport;
import org.mtl4j.metrics.tagging.WordLevelTags;

/**
 * Reproduces every value of {@code golden/metrics-golden-v1.json} (scikit-learn 0.23 / seqeval
 * 0.0.12 and 1.x semantics, made by {@code golden/generate_golden.py} beside it) to 1e-9.
 */
class MetricsGoldenTest {

  private static final double TOLERANCE = 1e-9;
  private static final String FILE = "/golden/metrics-golden-v1.json";
  private static final String REGENERATE =
      "regenerate with: python3 metrics/src/test/resources/golden/generate_golden.py"
          + " > metrics/src/test/resources/golden/metrics-golden-v1.json";

  private static JsonNode golden() throws IOException {
    try (InputStream in = MetricsGoldenTest.class.getResourceAsStream(FILE)) {
      assertThat(in).as("golden file %s on the test classpath", FILE).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void goldenFileHasTheExpectedFormatAndEnoughCases() throws IOException {
    JsonNode root = golden();
    assertThat(root.path("format").asText()).isEqualTo("mtl4j-metrics-golden/1");
    assertThat(root.path("cases").size()).isGreaterThanOrEqualTo(200);
    Set<String> kinds = new LinkedHashSet<>();
    root.path("cases").forEach(c -> kinds.add(c.path("kind").asText()));
    assertThat(kinds).containsExactly("classification", "tagging", "multilabel");
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenValueIsReproduced() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : golden().path("cases")) {
      tests.add(DynamicTest.dynamicTest(c.path("id").asText(), () -> check(c)));
    }
    return tests.stream();
  }

  private static void check(JsonNode c) {
    switch (c.path("kind").asText()) {
      case "classification" -> checkClassification(c);
      case "tagging" -> checkTagging(c);
      case "multilabel" -> checkMultiLabel(c);
      default -> throw new AssertionError("unknown case kind in " + c.path("id"));
    }
  }

  private static void checkClassification(JsonNode c) {
    List<String> gold = strings(c.path("gold"));
    List<String> pred = strings(c.path("pred"));
    for (Map.Entry<String, JsonNode> m : fields(c.path("metrics"))) {
      assertClose(
          Metrics.classification(m.getKey()).compute(gold, pred), m.getValue(), c, m.getKey());
    }
    ClassificationReport report = ClassificationReport.of(gold, pred);
    JsonNode expected = c.path("report");
    assertTable(report.table(), expected, c);
    List<String> labels = report.confusion().labels();
    for (int i = 0; i < labels.size(); i++) {
      for (int j = 0; j < labels.size(); j++) {
        assertThat(report.confusion().count(i, j))
            .as("%s confusion[%d][%d]; %s", c.path("id").asText(), i, j, REGENERATE)
            .isEqualTo(expected.path("confusion").path(i).path(j).asLong());
      }
    }
  }

  private static void checkTagging(JsonNode c) {
    List<List<String>> gold = sequences(c.path("gold"));
    List<List<String>> pred = sequences(c.path("pred"));
    if (c.path("word_level").asBoolean()) {
      WordLevelTags words = WordLevelTags.of(gold, pred);
      gold = words.gold();
      pred = words.pred();
    }
    for (Map.Entry<String, JsonNode> m : fields(c.path("metrics"))) {
      assertClose(Metrics.tagging(m.getKey()).compute(gold, pred), m.getValue(), c, m.getKey());
    }
    for (Map.Entry<String, JsonNode> r : fields(c.path("reports"))) {
      EntityReport report = EntityReport.of(gold, pred, Chunking.valueOf(r.getKey()));
      assertTable(report.table(), r.getValue(), c);
    }
  }

  private static void checkMultiLabel(JsonNode c) {
    List<Set<String>> gold = labelSets(c.path("gold"));
    List<Set<String>> pred = labelSets(c.path("pred"));
    for (Map.Entry<String, JsonNode> m : fields(c.path("metrics"))) {
      assertClose(Metrics.multiLabel(m.getKey()).compute(gold, pred), m.getValue(), c, m.getKey());
    }
    MultiLabelScores fixed = MultiLabelScores.of(gold, pred, strings(c.path("labels")));
    JsonNode expected = c.path("with_labels");
    assertClose(fixed.table().micro().f1(), expected.path("micro_f1"), c, "micro_f1 with labels");
    assertClose(fixed.table().macro().f1(), expected.path("macro_f1"), c, "macro_f1 with labels");
    assertClose(
        fixed.subsetAccuracy(), expected.path("subset_accuracy"), c, "subset_accuracy with labels");
    assertClose(fixed.hammingLoss(), expected.path("hamming_loss"), c, "hamming_loss with labels");
  }

  private static void assertTable(ScoreTable table, JsonNode expected, JsonNode c) {
    assertThat(table.labels().stream().map(LabelScores::label).toList())
        .as("%s labels", c.path("id").asText())
        .isEqualTo(strings(expected.path("labels")));
    for (int i = 0; i < table.labels().size(); i++) {
      PrecisionRecallF1 s = table.labels().get(i).scores();
      String label = table.labels().get(i).label();
      assertClose(s.precision(), expected.path("precision").path(i), c, label + " precision");
      assertClose(s.recall(), expected.path("recall").path(i), c, label + " recall");
      assertClose(s.f1(), expected.path("f1").path(i), c, label + " f1");
      assertThat(s.support())
          .as("%s %s support", c.path("id").asText(), label)
          .isEqualTo(expected.path("support").path(i).asLong());
    }
    assertAverage(table.micro(), expected.path("micro"), c, "micro");
    assertAverage(table.macro(), expected.path("macro"), c, "macro");
    assertAverage(table.weighted(), expected.path("weighted"), c, "weighted");
  }

  private static void assertAverage(
      PrecisionRecallF1 actual, JsonNode expected, JsonNode c, String name) {
    assertClose(actual.precision(), expected.path(0), c, name + " precision");
    assertClose(actual.recall(), expected.path(1), c, name + " recall");
    assertClose(actual.f1(), expected.path(2), c, name + " f1");
  }

  private static void assertClose(double actual, JsonNode expected, JsonNode c, String what) {
    assertThat(expected.isNumber())
        .as("%s: %s present in the golden file", c.path("id").asText(), what)
        .isTrue();
    assertThat(actual)
        .as("%s: %s; %s", c.path("id").asText(), what, REGENERATE)
        .isCloseTo(expected.asDouble(), within(TOLERANCE));
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    assertThat(out).as("expected values").isNotEmpty();
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<List<String>> sequences(JsonNode array) {
    List<List<String>> out = new ArrayList<>();
    array.forEach(n -> out.add(strings(n)));
    return out;
  }

  private static List<Set<String>> labelSets(JsonNode array) {
    List<Set<String>> out = new ArrayList<>();
    array.forEach(n -> out.add(new LinkedHashSet<>(strings(n))));
    return out;
  }
}
