package org.mtl4j.spark;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.Entity;
import org.mtl4j.runtime.LabelScore;
import org.mtl4j.runtime.MultiLabelResult;
import org.mtl4j.runtime.TaggingResult;
import org.mtl4j.runtime.TaskResult;
import org.mtl4j.runtime.WordTag;
import org.mtl4j.zoo.pkg.TaskType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark form of a task's result: one struct column per task, its type given by the task type,
 * and the conversion of a runtime {@link TaskResult} into a row of that struct.
 */
final class TaskColumns {

  /** Classification: {@code label}, {@code score}, {@code probabilities} (label to probability). */
  static final StructType CLASSIFICATION =
      new StructType()
          .add("label", DataTypes.StringType, false)
          .add("score", DataTypes.DoubleType, false)
          .add(
              "probabilities",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false),
              false);

  private static final StructType LABEL_SCORE =
      new StructType()
          .add("label", DataTypes.StringType, false)
          .add("score", DataTypes.DoubleType, false);

  /** Multi-label: {@code labels}, the labels at or above the threshold with their scores. */
  static final StructType MULTI_LABEL =
      new StructType().add("labels", DataTypes.createArrayType(LABEL_SCORE, false), false);

  private static final StructType ENTITY =
      new StructType()
          .add("type", DataTypes.StringType, false)
          .add("text", DataTypes.StringType, false)
          .add("charStart", DataTypes.IntegerType, false)
          .add("charEnd", DataTypes.IntegerType, false)
          .add("score", DataTypes.DoubleType, false);

  private static final StructType WORD_TAG =
      new StructType()
          .add("word", DataTypes.StringType, false)
          .add("charStart", DataTypes.IntegerType, false)
          .add("charEnd", DataTypes.IntegerType, false)
          .add("tag", DataTypes.StringType, false)
          .add("score", DataTypes.DoubleType, false);

  /** Tagging: {@code entities} (spans) and {@code tags} (one per word). */
  static final StructType TAGGING =
      new StructType()
          .add("entities", DataTypes.createArrayType(ENTITY, false), false)
          .add("tags", DataTypes.createArrayType(WORD_TAG, false), false);

  private TaskColumns() {}

  /**
   * @param type a task type
   * @return the struct type of its column
   */
  static DataType typeOf(TaskType type) {
    return switch (type) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION -> CLASSIFICATION;
      case MULTI_LABEL_CLASSIFICATION -> MULTI_LABEL;
      case NER -> TAGGING;
    };
  }

  /**
   * @param result a task's result
   * @return its value in the struct of {@link #typeOf} of the task's type
   */
  static Row toRow(TaskResult result) {
    if (result instanceof ClassificationResult c) {
      return RowFactory.create(
          c.label(), c.score(), CollectionConverters.asScala(c.probabilities()));
    }
    if (result instanceof MultiLabelResult m) {
      return RowFactory.create(
          seq(m.labels(), (LabelScore l) -> RowFactory.create(l.label(), l.score())));
    }
    TaggingResult t = (TaggingResult) result;
    return RowFactory.create(
        seq(
            t.entities(),
            (Entity e) ->
                RowFactory.create(e.type(), e.text(), e.charStart(), e.charEnd(), e.score())),
        seq(
            t.tags(),
            (WordTag w) ->
                RowFactory.create(w.word(), w.charStart(), w.charEnd(), w.tag(), w.score())));
  }

  private static <T> scala.collection.Seq<Row> seq(List<T> values, Function<T, Row> row) {
    return CollectionConverters.asScala(values.stream().map(row).toList()).toSeq();
  }
}
