package org.mtl4j.spark;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Scores a DataFrame with a multi-task model: adds one struct column per task, named after the
 * task, and an {@code mtl_error} string column (null when the row was scored).
 *
 * <p>Each executor JVM loads the model once (keyed by its checksum) and shares it between its task
 * threads; rows are scored in batches of {@link #setBatchSize} inside each partition, every task of
 * a batch in one encoder pass. The driver loads the model too, to learn its tasks. Saveable and
 * loadable as a Spark ML pipeline stage; the model itself is referenced by path, not copied.
 */
public final class MtlTransformer extends Transformer implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  /** Name of the column that holds why a row was not scored. */
  public static final String ERROR_COL = "mtl_error";

  private static final DefaultParamsReadable<MtlTransformer> READABLE =
      new DefaultParamsReadable<>() {};

  private final String uid;
  private final Param<String> modelPath;
  private final Param<String> textCol;
  private final Param<String> textBCol;
  private final StringArrayParam tasks;
  private final IntParam batchSize;
  private final IntParam intraOpThreads;

  /** A transformer with a random uid. */
  public MtlTransformer() {
    this(Identifiable$.MODULE$.randomUID("mtl"));
  }

  /**
   * @param uid the stage's uid (used when a saved stage is loaded)
   */
  public MtlTransformer(String uid) {
    this.uid = uid;
    this.modelPath =
        new Param<>(
            this,
            "modelPath",
            "model package directory or .onnx file: a local path, a file shipped with --files, or a Hadoop-compatible URI");
    this.textCol = new Param<>(this, "textCol", "column of texts");
    this.textBCol =
        new Param<>(this, "textBCol", "column of second texts, for sentence-pair tasks");
    this.tasks =
        new StringArrayParam(this, "tasks", "tasks to score; empty for every task the inputs fit");
    this.batchSize =
        new IntParam(this, "batchSize", "rows per encoder pass", ParamValidators.gtEq(1));
    this.intraOpThreads =
        new IntParam(
            this,
            "intraOpThreads",
            "ONNX Runtime threads inside one operator, per loaded model",
            ParamValidators.gtEq(1));
    setDefault(textCol, "text");
    setDefault(tasks, new String[0]);
    setDefault(batchSize, 32);
    setDefault(intraOpThreads, 1);
  }

  /**
   * @param path where a saved stage is
   * @return the stage
   */
  public static MtlTransformer load(String path) {
    return read().load(path);
  }

  /**
   * @return the reader of saved stages (Spark ML finds it by reflection)
   */
  public static MLReader<MtlTransformer> read() {
    return READABLE.read();
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * @return the model location parameter
   */
  public Param<String> modelPath() {
    return modelPath;
  }

  /**
   * @return the text column parameter
   */
  public Param<String> textCol() {
    return textCol;
  }

  /**
   * @return the second-text column parameter
   */
  public Param<String> textBCol() {
    return textBCol;
  }

  /**
   * @return the task list parameter
   */
  public StringArrayParam tasks() {
    return tasks;
  }

  /**
   * @return the batch size parameter
   */
  public IntParam batchSize() {
    return batchSize;
  }

  /**
   * @return the intra-op thread parameter
   */
  public IntParam intraOpThreads() {
    return intraOpThreads;
  }

  /**
   * @param path model package directory or {@code .onnx} file, local, shipped with {@code --files}
   *     (its file name) or on a Hadoop-compatible file system
   * @return this
   */
  public MtlTransformer setModelPath(String path) {
    set(modelPath, path);
    return this;
  }

  /**
   * @param column column of texts (default {@code text})
   * @return this
   */
  public MtlTransformer setTextCol(String column) {
    set(textCol, column);
    return this;
  }

  /**
   * @param column column of second texts, for sentence-pair tasks
   * @return this
   */
  public MtlTransformer setTextBCol(String column) {
    set(textBCol, column);
    return this;
  }

  /**
   * @param names tasks to score (default: every task that fits the inputs: single-text tasks, and
   *     pair tasks when a second-text column is set)
   * @return this
   */
  public MtlTransformer setTasks(String... names) {
    set(tasks, names.clone());
    return this;
  }

  /**
   * @param rows rows per encoder pass (default 32)
   * @return this
   */
  public MtlTransformer setBatchSize(int rows) {
    set(batchSize, rows);
    return this;
  }

  /**
   * @param threads ONNX Runtime threads inside one operator, per loaded model (default 1: Spark
   *     runs one task per core)
   * @return this
   */
  public MtlTransformer setIntraOpThreads(int threads) {
    set(intraOpThreads, threads);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return outputSchema(schema, plan());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType input = dataset.schema();
    ScoringPlan plan = plan();
    StructType output = outputSchema(input, plan);
    String textB = isDefined(textBCol) ? $(textBCol) : null;
    PartitionScorer scorer =
        new PartitionScorer(
            spec(),
            $(textCol),
            input.fieldIndex($(textCol)),
            textB,
            textB == null ? -1 : input.fieldIndex(textB),
            plan,
            (Integer) $(batchSize));
    return dataset.toDF().mapPartitions(scorer, Encoders.row(output));
  }

  @Override
  public MtlTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  private ScoringPlan plan() {
    MtlModel model = ExecutorModels.get(spec());
    return ScoringPlan.of(model.manifest(), Arrays.asList($(tasks)), isDefined(textBCol));
  }

  private ModelSpec spec() {
    if (!isDefined(modelPath)) {
      throw new IllegalArgumentException("modelPath is not set; call setModelPath");
    }
    Map<String, String> hadoopConf = new HashMap<>();
    SparkSession.active()
        .sparkContext()
        .hadoopConfiguration()
        .forEach(e -> hadoopConf.put(e.getKey(), e.getValue()));
    return new ModelSpec($(modelPath), hadoopConf, (Integer) $(intraOpThreads));
  }

  private StructType outputSchema(StructType schema, ScoringPlan plan) {
    List<String> names = Arrays.asList(schema.fieldNames());
    requireColumn(names, $(textCol), "textCol");
    if (isDefined(textBCol)) {
      requireColumn(names, $(textBCol), "textBCol");
    }
    StructType out = schema;
    for (TaskSpec task : plan.tasks()) {
      requireFree(names, task.name());
      out = out.add(task.name(), TaskColumns.typeOf(task.type()), true);
    }
    requireFree(names, ERROR_COL);
    return out.add(ERROR_COL, DataTypes.StringType, true);
  }

  private static void requireColumn(List<String> names, String column, String param) {
    if (!names.contains(column)) {
      throw new IllegalArgumentException(
          param + " '" + column + "' is not a column of the input; its columns are " + names);
    }
  }

  private static void requireFree(List<String> names, String column) {
    if (names.contains(column)) {
      throw new IllegalArgumentException(
          "the input already has a column '"
              + column
              + "', which the transformer would add; rename it first");
    }
  }
}
