package org.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

/**
 * Compares predictions: labels, tags, offsets and texts exactly; scores within a tolerance (a
 * batch's shape may change the order of floating-point sums inside ONNX Runtime kernels).
 */
final class PredictionAssert {

  static final double TOLERANCE = 1e-5;

  private PredictionAssert() {}

  static void assertSame(Prediction actual, Prediction expected) {
    assertThat(actual.results().keySet()).containsExactlyElementsOf(expected.results().keySet());
    for (Map.Entry<String, TaskResult> e : expected.results().entrySet()) {
      TaskResult got = actual.results().get(e.getKey());
      TaskResult expectedResult = e.getValue();
      if (expectedResult instanceof ClassificationResult want) {
        ClassificationResult c = (ClassificationResult) got;
        assertThat(c.label()).isEqualTo(want.label());
        assertThat(c.probabilities().keySet())
            .containsExactlyElementsOf(want.probabilities().keySet());
        want.probabilities()
            .forEach(
                (k, v) -> assertThat(c.probabilities().get(k)).isCloseTo(v, within(TOLERANCE)));
      } else if (expectedResult instanceof MultiLabelResult want) {
        MultiLabelResult m = (MultiLabelResult) got;
        assertThat(m.labels())
            .extracting(LabelScore::label)
            .containsExactlyElementsOf(want.labels().stream().map(LabelScore::label).toList());
      } else if (expectedResult instanceof TaggingResult want) {
        TaggingResult t = (TaggingResult) got;
        assertThat(t.tags()).hasSameSizeAs(want.tags());
        for (int i = 0; i < want.tags().size(); i++) {
          WordTag w = want.tags().get(i);
          WordTag g = t.tags().get(i);
          assertThat(new Object[] {g.word(), g.charStart(), g.charEnd(), g.tag()})
              .containsExactly(w.word(), w.charStart(), w.charEnd(), w.tag());
          assertThat(g.score()).isCloseTo(w.score(), within(TOLERANCE));
        }
        assertThat(t.entities())
            .extracting(Entity::text)
            .containsExactlyElementsOf(want.entities().stream().map(Entity::text).toList());
      }
    }
  }
}
