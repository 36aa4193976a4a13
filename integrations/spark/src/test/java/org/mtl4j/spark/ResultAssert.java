package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.Entity;
import org.mtl4j.runtime.LabelScore;
import org.mtl4j.runtime.MultiLabelResult;
import org.mtl4j.runtime.TaggingResult;
import org.mtl4j.runtime.TaskResult;
import org.mtl4j.runtime.WordTag;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Compares a task's struct column, read field by field by name, with the runtime's typed result.
 * Scores may differ by float rounding between a padded batch and a single row.
 */
final class ResultAssert {

  private static final double TOLERANCE = 1e-5;

  private ResultAssert() {}

  static void assertMatches(Row actual, TaskResult expected, String where) {
    assertThat(actual).as(where).isNotNull();
    if (expected instanceof ClassificationResult c) {
      assertThat(actual.<String>getAs("label")).as(where).isEqualTo(c.label());
      assertThat(actual.<Double>getAs("score")).as(where).isCloseTo(c.score(), within(TOLERANCE));
      Map<String, Double> probabilities =
          CollectionConverters.asJava(
              actual.<scala.collection.Map<String, Double>>getAs("probabilities"));
      assertThat(probabilities.keySet()).as(where).isEqualTo(c.probabilities().keySet());
      c.probabilities()
          .forEach(
              (label, p) ->
                  assertThat(probabilities.get(label))
                      .as(where + " " + label)
                      .isCloseTo(p, within(TOLERANCE)));
    } else if (expected instanceof MultiLabelResult m) {
      List<Row> labels = actual.getList(actual.fieldIndex("labels"));
      assertThat(labels).as(where).hasSize(m.labels().size());
      for (int i = 0; i < labels.size(); i++) {
        LabelScore e = m.labels().get(i);
        assertThat(labels.get(i).<String>getAs("label")).as(where).isEqualTo(e.label());
        assertThat(labels.get(i).<Double>getAs("score"))
            .as(where)
            .isCloseTo(e.score(), within(TOLERANCE));
      }
    } else {
      TaggingResult t = (TaggingResult) expected;
      List<Row> entities = actual.getList(actual.fieldIndex("entities"));
      assertThat(entities).as(where).hasSize(t.entities().size());
      for (int i = 0; i < entities.size(); i++) {
        Row a = entities.get(i);
        Entity e = t.entities().get(i);
        assertThat(
                List.of(a.getAs("type"), a.getAs("text"), a.getAs("charStart"), a.getAs("charEnd")))
            .as(where)
            .isEqualTo(List.of(e.type(), e.text(), e.charStart(), e.charEnd()));
        assertThat(a.<Double>getAs("score")).as(where).isCloseTo(e.score(), within(TOLERANCE));
      }
      List<Row> tags = actual.getList(actual.fieldIndex("tags"));
      assertThat(tags).as(where).hasSize(t.tags().size());
      for (int i = 0; i < tags.size(); i++) {
        Row a = tags.get(i);
        WordTag e = t.tags().get(i);
        assertThat(
                List.of(a.getAs("word"), a.getAs("charStart"), a.getAs("charEnd"), a.getAs("tag")))
            .as(where)
            .isEqualTo(List.of(e.word(), e.charStart(), e.charEnd(), e.tag()));
        assertThat(a.<Double>getAs("score")).as(where).isCloseTo(e.score(), within(TOLERANCE));
      }
    }
  }
}
