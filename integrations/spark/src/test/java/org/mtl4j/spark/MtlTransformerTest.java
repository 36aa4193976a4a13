package org.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;

/** The transformer on SNIPS texts in local[2] mode, against the runtime in this JVM. */
@ExtendWith(LocalSpark.class)
class MtlTransformerTest {

  private static final List<String> SINGLE = List.of("intent", "topics", "slots");

  @TempDir static Path dir;
  static Path pkg;
  static MtlModel reference;
  static List<String> texts;

  @BeforeAll
  static void setUp() {
    pkg = TestModels.tinyPackage(dir, 11);
    reference = MtlModel.load(pkg);
    texts = SnipsTexts.load();
  }

  @AfterAll
  static void tearDown() {
    reference.close();
  }

  static List<Row> collectById(Dataset<Row> frame) {
    List<Row> rows = new ArrayList<>(frame.collectAsList());
    rows.sort(Comparator.comparingInt(r -> r.getInt(r.fieldIndex("id"))));
    return rows;
  }

  static void assertEqualsSingleJvm(
      List<Row> rows, MtlModel model, List<String> texts, List<String> textsB) {
    assertThat(rows).hasSize(texts.size());
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String where = "row " + i + " '" + texts.get(i) + "'";
      assertThat(row.<String>getAs(MtlTransformer.ERROR_COL)).as(where).isNull();
      Prediction single = model.predict(ModelInput.of(texts.get(i)), SINGLE);
      for (String task : SINGLE) {
        ResultAssert.assertMatches(row.getAs(task), single.results().get(task), where + " " + task);
      }
      Prediction pair = model.predict(ModelInput.pair(texts.get(i), textsB.get(i)), List.of("nli"));
      ResultAssert.assertMatches(row.getAs("nli"), pair.results().get("nli"), where + " nli");
    }
  }

  @Test
  void everySnipsRowEqualsSingleJvmPredict() {
    List<String> textsB = SparkFrames.successors(texts);
    Dataset<Row> scored =
        new MtlTransformer()
            .setModelPath(pkg.toString())
            .setTextBCol("textB")
            .setBatchSize(16)
            .transform(SparkFrames.pairs(texts, textsB));

    assertThat(scored.schema().fieldNames())
        .containsExactly(
            "id", "text", "textB", "intent", "topics", "slots", "nli", MtlTransformer.ERROR_COL);
    assertThat(scored.rdd().getNumPartitions()).isEqualTo(2);
    assertEqualsSingleJvm(collectById(scored), reference, texts, textsB);
  }

  @Test
  void twoJobsInOneJvmShareOneLoadedModel() {
    Path fresh = TestModels.tinyPackage(dir, 12);
    List<String> some = texts.subList(0, 64);
    Dataset<Row> frame = SparkFrames.pairs(some, SparkFrames.successors(some));
    MtlTransformer transformer =
        new MtlTransformer().setModelPath(fresh.toString()).setBatchSize(8);
    int before = ExecutorModels.loads();

    List<Row> first = collectById(transformer.transform(frame));
    List<Row> second =
        collectById(transformer.copy(new org.apache.spark.ml.param.ParamMap()).transform(frame));

    assertThat(ExecutorModels.loads() - before).isEqualTo(1);
    assertThat(second).isEqualTo(first);
    assertThat(first.get(0).schema().fieldNames())
        .containsExactly(
            "id", "text", "textB", "intent", "topics", "slots", MtlTransformer.ERROR_COL);
  }

  @Test
  void aRowThatCannotBeScoredGetsAnErrorInsteadOfFailingTheJob() {
    List<String> some = new ArrayList<>(texts.subList(0, 10));
    some.set(3, null);
    List<String> textsB = new ArrayList<>(SparkFrames.successors(texts.subList(0, 10)));
    textsB.set(6, null);
    List<Row> rows =
        collectById(
            new MtlTransformer()
                .setModelPath(pkg.toString())
                .setTextBCol("textB")
                .transform(SparkFrames.pairs(some, textsB)));

    assertThat(rows.get(3).<String>getAs(MtlTransformer.ERROR_COL))
        .contains("column 'text' is null");
    assertThat(rows.get(3).<Row>getAs("intent")).isNull();
    assertThat(rows.get(6).<String>getAs(MtlTransformer.ERROR_COL))
        .contains("column 'textB' is null");
    assertThat(rows.get(6).<Row>getAs("nli")).isNull();
    ResultAssert.assertMatches(
        rows.get(6).getAs("intent"),
        reference.predict(ModelInput.of(some.get(6)), List.of("intent")).results().get("intent"),
        "row 6");
    for (int i : new int[] {0, 1, 2, 4, 5, 7, 8, 9}) {
      assertThat(rows.get(i).<String>getAs(MtlTransformer.ERROR_COL)).as("row " + i).isNull();
      assertThat(rows.get(i).<Row>getAs("nli")).as("row " + i).isNotNull();
    }
  }

  @Test
  void aColumnThatIsNotTextGivesEveryRowAnError() {
    StructType schema = new StructType().add("text", DataTypes.IntegerType, false);
    List<Row> rows =
        SparkFrames.frame(List.of(RowFactory.create(1), RowFactory.create(2)), schema)
            .transform(new MtlTransformer().setModelPath(pkg.toString())::transform)
            .collectAsList();

    assertThat(rows)
        .hasSize(2)
        .allSatisfy(
            row -> {
              assertThat(row.<String>getAs(MtlTransformer.ERROR_COL))
                  .isEqualTo("column 'text' holds a Integer, not a string");
              assertThat(row.<Row>getAs("slots")).isNull();
            });
  }

  @Test
  void chosenTasksAloneBecomeColumns() {
    Dataset<Row> scored =
        new MtlTransformer()
            .setModelPath(pkg.toString())
            .setTextCol("textB")
            .setTasks("slots")
            .transform(SparkFrames.pairs(texts.subList(0, 20), texts.subList(20, 40)));

    assertThat(scored.schema().fieldNames())
        .containsExactly("id", "text", "textB", "slots", MtlTransformer.ERROR_COL);
    List<Row> rows = collectById(scored);
    for (int i = 0; i < rows.size(); i++) {
      ResultAssert.assertMatches(
          rows.get(i).getAs("slots"),
          reference.predict(texts.get(20 + i)).results().get("slots"),
          "row " + i);
    }
  }

  @Test
  void badSettingsAreRejectedWithWhatWasWrong() {
    Dataset<Row> frame = SparkFrames.pairs(texts.subList(0, 2), texts.subList(2, 4));
    MtlTransformer transformer = new MtlTransformer().setModelPath(pkg.toString());

    assertThatThrownBy(
            () ->
                transformer
                    .copy(new org.apache.spark.ml.param.ParamMap())
                    .setTasks("nope")
                    .transform(frame))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown task 'nope'")
        .hasMessageContaining("intent, topics, slots, nli");
    assertThatThrownBy(
            () ->
                transformer
                    .copy(new org.apache.spark.ml.param.ParamMap())
                    .setTasks("nli")
                    .transform(frame))
        .hasMessageContaining("task 'nli' reads a sentence pair; set textBCol");
    assertThatThrownBy(
            () ->
                transformer
                    .copy(new org.apache.spark.ml.param.ParamMap())
                    .setTextCol("body")
                    .transform(frame))
        .hasMessageContaining("textCol 'body' is not a column of the input");
    assertThatThrownBy(() -> transformer.transform(frame.withColumnRenamed("textB", "intent")))
        .hasMessageContaining("already has a column 'intent'");
    assertThatThrownBy(
            () ->
                new MtlTransformer()
                    .setModelPath(dir.resolve("missing").toString())
                    .transform(frame))
        .hasMessageContaining("missing")
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> new MtlTransformer().transform(frame))
        .hasMessageContaining("modelPath is not set");
    assertThat(Arrays.asList(transformer.params()))
        .extracting(p -> p.name())
        .contains("modelPath", "textCol", "textBCol", "tasks", "batchSize", "intraOpThreads");
  }
}
