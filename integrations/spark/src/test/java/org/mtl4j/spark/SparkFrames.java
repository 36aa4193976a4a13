package org.mtl4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** DataFrames of texts for the tests, spread over two partitions. */
final class SparkFrames {

  /** Columns {@code id} (row number), {@code text}, {@code textB}. */
  static final StructType PAIRS =
      new StructType()
          .add("id", DataTypes.IntegerType, false)
          .add("text", DataTypes.StringType, true)
          .add("textB", DataTypes.StringType, true);

  private SparkFrames() {}

  /**
   * @param texts first texts
   * @param textsB second texts, one per first text (entries may be null)
   * @return a frame with {@link #PAIRS}' columns in two partitions
   */
  static Dataset<Row> pairs(List<String> texts, List<String> textsB) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i), textsB.get(i)));
    }
    return frame(rows, PAIRS);
  }

  /**
   * @param rows rows
   * @param schema their schema
   * @return the frame in two partitions
   */
  static Dataset<Row> frame(List<Row> rows, StructType schema) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
    return LocalSpark.session().createDataFrame(sc.parallelize(rows, 2), schema);
  }

  /**
   * @param texts SNIPS texts
   * @return each text's successor (cyclically), as the second text of a pair
   */
  static List<String> successors(List<String> texts) {
    List<String> out = new ArrayList<>(texts.subList(1, texts.size()));
    out.add(texts.get(0));
    return out;
  }
}
