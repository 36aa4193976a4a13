package org.mtl4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mtl4j.runtime.EncodedRequest;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;

/**
 * Scores one partition: takes the JVM's shared model, reads rows in batches of {@code batchSize}
 * and appends one struct per task and the error column to each row. The tasks that read one
 * text run as one encoder pass per batch, the pair tasks as another. A row that cannot be scored
 * (a null or non-string text, a text the tokenizer rejects, a failed run) keeps null task values
 * and gets a message in the error column.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final ModelSpec model;
  private final int textIndex;
  private final String textCol;
  private final int textBIndex;
  private final String textBCol;
  private final List<String> columns;
  private final List<String> singleTasks;
  private final List<String> pairTasks;
  private final int batchSize;

  /**
   * @param model the model to load on the executor
   * @param textCol name of the text column
   * @param textIndex its index in the input rows
   * @param textBCol name of the second-text column, or null
   * @param textBIndex its index, or -1
   * @param plan the tasks to score
   * @param batchSize rows per encoder pass
   */
  PartitionScorer(
      ModelSpec model, String textCol, int textIndex, String textBCol, int textBIndex,
      ScoringPlan plan, int batchSize) {
    this.model = model;
    this.textCol = textCol;
    this.textIndex = textIndex;
    this.textBCol = textBCol;
    this.textBIndex = textBIndex;
    this.columns = new ArrayList<>(plan.taskNames());
    this.singleTasks = new ArrayList<>(plan.singleTasks());
    this.pairTasks = new ArrayList<>(plan.pairTasks());
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    MtlModel shared = ExecutorModels.get(model);
    return new Iterator<>() {
      private Iterator<Row> scored = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        while (!scored.hasNext() && rows.hasNext()) {
          List<Row> batch = new ArrayList<>(batchSize);
          while (batch.size() < batchSize && rows.hasNext()) {
            batch.add(rows.next());
          }
          scored = score(shared, batch).iterator();
        }
        return scored.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return scored.next();
      }
    };
  }

  /** A batch's rows with the values of their task columns and error so far. */
  private final class Batch {
    final List<Row> rows;
    final Object[][] results;
    final String[] errors;

    Batch(List<Row> rows) {
      this.rows = rows;
      this.results = new Object[rows.size()][columns.size()];
      this.errors = new String[rows.size()];
    }

    void fail(int row, String message) {
      errors[row] = errors[row] == null ? message : errors[row] + "; " + message;
    }

    void put(int row, Prediction prediction) {
      prediction.results().forEach((task, result) -> results[row][columns.indexOf(task)] = TaskColumns.toRow(result));
    }

    List<Row> output() {
      List<Row> out = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        Row in = rows.get(i);
        Object[] values = new Object[in.length() + columns.size() + 1];
        for (int c = 0; c < in.length(); c++) {
          values[c] = in.get(c);
        }
        System.arraycopy(results[i], 0, values, in.length(), columns.size());
        values[values.length - 1] = errors[i];
        out.add(RowFactory.create(values));
      }
      return out;
    }
  }

  private List<Row> score(MtlModel shared, List<Row> rows) {
    Batch batch = new Batch(rows);
    if (!singleTasks.isEmpty()) {
      pass(shared, batch, singleTasks, false);
    }
    if (!pairTasks.isEmpty()) {
      pass(shared, batch, pairTasks, true);
    }
    return batch.output();
  }

  /** Encodes the rows that can be, runs them as one batch, and retries row by row on failure. */
  private void pass(MtlModel shared, Batch batch, List<String> tasks, boolean pairs) {
    List<Integer> indices = new ArrayList<>();
    List<EncodedRequest> requests = new ArrayList<>();
    for (int i = 0; i < batch.rows.size(); i++) {
      Row row = batch.rows.get(i);
      try {
        String text = text(row, textIndex, textCol);
        ModelInput input = pairs ? ModelInput.pair(text, text(row, textBIndex, textBCol)) : ModelInput.of(text);
        requests.add(shared.encode(input, tasks));
        indices.add(i);
      } catch (RuntimeException e) {
        batch.fail(i, e.getMessage());
      }
    }
    if (requests.isEmpty()) {
      return;
    }
    try {
      List<Prediction> predictions = shared.run(requests);
      for (int k = 0; k < predictions.size(); k++) {
        batch.put(indices.get(k), predictions.get(k));
      }
    } catch (RuntimeException batchFailure) {
      for (int k = 0; k < requests.size(); k++) {
        try {
          batch.put(indices.get(k), shared.run(List.of(requests.get(k))).get(0));
        } catch (RuntimeException e) {
          batch.fail(indices.get(k), e.getMessage());
        }
      }
    }
  }

  private static String text(Row row, int index, String column) {
    Object value = row.get(index);
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(
        value == null
            ? "column '" + column + "' is null"
            : "column '" + column + "' holds a " + value.getClass().getSimpleName() + ", not a string");
  }
}
