package org.mtl4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mtl4j.runtime.ModelInput;
import org.mtl4j.runtime.MtlModel;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.TokenizedRequest;

/**
 * Scores one partition: takes the JVM's shared model, reads a window of {@value #WINDOW_BATCHES}
 * batches of rows, sorts the window's rows by token length and runs them in batches of {@code
 * batchSize}, so that short texts are not padded to long ones; then appends one struct per task and
 * the error column to each row, in input order. The tasks that read one text run as one encoder
 * pass per batch, the pair tasks as another. A row that cannot be scored (a null or non-string
 * text, a text the tokenizer rejects, a failed run) keeps null task values and gets a message in
 * the error column.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  /** Batches per window of rows sorted by length. */
  static final int WINDOW_BATCHES = 4;

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
      ModelSpec model,
      String textCol,
      int textIndex,
      String textBCol,
      int textBIndex,
      ScoringPlan plan,
      int batchSize) {
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
          List<Row> window = new ArrayList<>(batchSize * WINDOW_BATCHES);
          while (window.size() < batchSize * WINDOW_BATCHES && rows.hasNext()) {
            window.add(rows.next());
          }
          scored = score(shared, window).iterator();
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

  /** A window's rows with the values of their task columns and error so far. */
  private final class Window {
    final List<Row> rows;
    final Object[][] results;
    final String[] errors;

    Window(List<Row> rows) {
      this.rows = rows;
      this.results = new Object[rows.size()][columns.size()];
      this.errors = new String[rows.size()];
    }

    void fail(int row, String message) {
      errors[row] = errors[row] == null ? message : errors[row] + "; " + message;
    }

    void put(int row, Prediction prediction) {
      prediction
          .results()
          .forEach(
              (task, result) -> results[row][columns.indexOf(task)] = TaskColumns.toRow(result));
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
    Window window = new Window(rows);
    if (!singleTasks.isEmpty()) {
      pass(shared, window, singleTasks, false);
    }
    if (!pairTasks.isEmpty()) {
      pass(shared, window, pairTasks, true);
    }
    return window.output();
  }

  /** Tokenizes the rows that can be, then runs them by length in batches of {@code batchSize}. */
  private void pass(MtlModel shared, Window window, List<String> tasks, boolean pairs) {
    List<Integer> indices = new ArrayList<>();
    List<TokenizedRequest> requests = new ArrayList<>();
    for (int i = 0; i < window.rows.size(); i++) {
      Row row = window.rows.get(i);
      try {
        String text = text(row, textIndex, textCol);
        ModelInput input =
            pairs ? ModelInput.pair(text, text(row, textBIndex, textBCol)) : ModelInput.of(text);
        requests.add(shared.tokenize(input, tasks));
        indices.add(i);
      } catch (RuntimeException e) {
        window.fail(i, message(e));
      }
    }
    List<Integer> byLength = new ArrayList<>();
    for (int k = 0; k < requests.size(); k++) {
      byLength.add(k);
    }
    byLength.sort(Comparator.comparingInt(k -> requests.get(k).length()));
    for (int from = 0; from < byLength.size(); from += batchSize) {
      List<Integer> batch = byLength.subList(from, Math.min(from + batchSize, byLength.size()));
      run(
          shared,
          window,
          batch.stream().map(indices::get).toList(),
          batch.stream().map(requests::get).toList());
    }
  }

  /** Runs one batch; when it fails, runs its rows one by one so that only failing rows fail. */
  private static void run(
      MtlModel shared, Window window, List<Integer> rows, List<TokenizedRequest> requests) {
    try {
      List<Prediction> predictions = shared.run(requests);
      for (int k = 0; k < predictions.size(); k++) {
        window.put(rows.get(k), predictions.get(k));
      }
    } catch (RuntimeException batchFailure) {
      for (int k = 0; k < requests.size(); k++) {
        try {
          window.put(rows.get(k), shared.run(List.of(requests.get(k))).get(0));
        } catch (RuntimeException e) {
          window.fail(rows.get(k), message(e));
        }
      }
    }
  }

  private static String message(RuntimeException e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  private static String text(Row row, int index, String column) {
    Object value = row.get(index);
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(
        value == null
            ? "column '" + column + "' is null"
            : "column '"
                + column
                + "' holds a "
                + value.getClass().getSimpleName()
                + ", not a string");
  }
}
