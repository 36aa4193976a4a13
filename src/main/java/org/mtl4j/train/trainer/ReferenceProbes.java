package org.mtl4j.train.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.runtime.BatchPacker;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.train.data.Batch;
import org.mtl4j.train.data.BatchCollator;
import org.mtl4j.train.data.ExampleTokenizer;
import org.mtl4j.train.data.MultiLabelExample;
import org.mtl4j.train.data.PairExample;
import org.mtl4j.train.data.SentenceExample;
import org.mtl4j.train.data.TaggedExample;
import org.mtl4j.train.data.TokenizedExample;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.zoo.pkg.OnnxContract;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Builds a package's {@link ReferenceSet}: the model's eval-mode logits of every head on the first
 * dev examples of each task (with gold labels), in batches of at most the evaluation batch size
 * named {@code dev-<task>} and {@code dev-<task>-<first row>}, and on probe batches chosen to cover
 * shapes: batches of 1, 3 and 8 rows, a row of length 1, a row of the maximum length, and a batch
 * whose second row is all padding.
 */
final class ReferenceProbes {

  private final MultiTaskModel model;
  private final ExampleTokenizer tokenizer;
  private final BatchPacker packer;
  private final int devRows;
  private final int batchSize;

  /**
   * @param devRows dev examples kept per task (all of them when the split is smaller)
   * @param batchSize the most rows per dev batch
   */
  ReferenceProbes(MultiTaskModel model, ExampleTokenizer tokenizer, int devRows, int batchSize) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.packer = tokenizer.packer();
    this.devRows = devRows;
    this.batchSize = batchSize;
  }

  ReferenceSet build(List<TaskData> tasks) {
    List<ReferenceBatch> batches = new ArrayList<>();
    for (TaskData task : tasks) {
      List<TokenizedExample> dev = task.split(Split.DEV);
      int kept = Math.min(devRows, dev.size());
      for (int from = 0; from < kept; from += batchSize) {
        Batch batch = task.collator().collate(dev.subList(from, Math.min(kept, from + batchSize)));
        long[][] gold = matrix(batch.labels(), batch.labelShape());
        batches.add(
            run(
                from == 0 ? "dev-" + task.name() : "dev-" + task.name() + "-" + from,
                ReferenceBatch.DEV,
                matrix(batch.inputIds(), batch.shape()),
                matrix(batch.attentionMask(), batch.shape()),
                matrix(batch.typeIds(), batch.shape()),
                Map.of(task.name(), gold)));
      }
    }
    List<TokenizedExample> train = tasks.get(0).split(Split.TRAIN);
    for (int rows : new int[] {1, 3, 8}) {
      batches.add(probe("batch-" + rows, cycle(train, rows), 0));
    }
    TokenizedExample first = train.get(0);
    int keep = packer.padLeft() ? first.length() - 1 : 0;
    batches.add(
        probe(
            "length-1",
            List.of(
                new TokenizedExample(
                    first.source(),
                    new long[] {first.inputIds()[keep]},
                    new long[] {first.typeIds()[keep]},
                    new long[0],
                    new int[0],
                    true)),
            0));
    batches.add(probe("max-length", List.of(longest(train)), 0));
    batches.add(probe("padding-row", List.of(first), 1));
    return new ReferenceSet(batches);
  }

  /**
   * Pads rows on the tokenizer's side, appends {@code paddingRows} rows of padding only (attention
   * mask all zero) and records the model's outputs on them.
   */
  private ReferenceBatch probe(String name, List<TokenizedExample> rows, int paddingRows) {
    PackedBatch padded = BatchCollator.pack(packer, rows, paddingRows);
    return run(
        name,
        ReferenceBatch.PROBE,
        padded.rowsOf(padded.inputIds()),
        padded.rowsOf(padded.attentionMask()),
        padded.rowsOf(padded.tokenTypeIds()),
        Map.of());
  }

  /** A row of the maximum length: training words joined until truncation cuts them. */
  private TokenizedExample longest(List<TokenizedExample> train) {
    StringBuilder text = new StringBuilder();
    String filler = String.join(" ", sourceWords(train.get(0)));
    for (int i = 0; i < tokenizer.maxSeqLen(); i++) {
      text.append(filler).append(' ');
    }
    return tokenizer.encode(new SentenceExample("max-length", 0, text.toString(), 0));
  }

  private static List<String> sourceWords(TokenizedExample example) {
    if (example.source() instanceof SentenceExample s) {
      return List.of(s.text());
    } else if (example.source() instanceof PairExample p) {
      return List.of(p.textA(), p.textB());
    } else if (example.source() instanceof TaggedExample t) {
      return t.words();
    }
    return List.of(((MultiLabelExample) example.source()).text());
  }

  private ReferenceBatch run(
      String name,
      String split,
      long[][] ids,
      long[][] mask,
      long[][] types,
      Map<String, long[][]> gold) {
    boolean withTypes = model.encoder().family().usesTokenTypeIds();
    Map<String, FloatTensor> outputs = new LinkedHashMap<>();
    try (NDScope arrays = new NDScope();
        NDManager scope = model.manager().newSubManager()) {
      arrays.suppressNotUsedWarning();
      NDList inputs = new NDList(scope.create(ids), scope.create(mask));
      if (withTypes) {
        inputs.add(scope.create(types));
      }
      List<String> tasks = model.tasks().stream().map(t -> t.name()).toList();
      model
          .forward(inputs, tasks, false)
          .forEach((task, logits) -> outputs.put(OnnxContract.logits(task), tensor(logits)));
    }
    return new ReferenceBatch(name, split, ids, mask, withTypes ? types : null, outputs, gold);
  }

  private static FloatTensor tensor(NDArray a) {
    return new FloatTensor(a.getShape().getShape(), a.toFloatArray());
  }

  private static List<TokenizedExample> cycle(List<TokenizedExample> examples, int rows) {
    List<TokenizedExample> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      out.add(examples.get(i % examples.size()));
    }
    return out;
  }

  private static long[][] matrix(long[] flat, long[] shape) {
    int rows = (int) shape[0];
    int columns = shape.length > 1 ? (int) shape[1] : 1;
    long[][] out = new long[rows][columns];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * columns, out[r], 0, columns);
    }
    return out;
  }
}
