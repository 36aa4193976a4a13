package org.mtl4j.train.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.train.data.Batch;
import org.mtl4j.train.data.EncodedExample;
import org.mtl4j.train.data.ExampleEncoder;
import org.mtl4j.train.data.MultiLabelExample;
import org.mtl4j.train.data.Padding;
import org.mtl4j.train.data.PairExample;
import org.mtl4j.train.data.PaddingSide;
import org.mtl4j.train.data.SentenceExample;
import org.mtl4j.train.data.TaggedExample;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Builds a package's {@link ReferenceSet}: the model's eval-mode logits of every head on dev
 * examples of each task (with gold labels) and on probe batches chosen to cover shapes: batches
 * of 1, 3 and 8 rows, a row of length 1, a row of the maximum length, and a batch whose second
 * row is all padding.
 */
final class ReferenceProbes {

  /** Dev examples kept per task. */
  static final int DEV_ROWS = 16;

  private final MultiTaskModel model;
  private final ExampleEncoder encoder;
  private final Padding padding;

  ReferenceProbes(MultiTaskModel model, ExampleEncoder encoder, Padding padding) {
    this.model = model;
    this.encoder = encoder;
    this.padding = padding;
  }

  ReferenceSet build(List<TaskData> tasks) {
    List<ReferenceBatch> batches = new ArrayList<>();
    for (TaskData task : tasks) {
      List<EncodedExample> dev = task.split(Split.DEV);
      if (!dev.isEmpty()) {
        Batch batch = task.collator().collate(dev.subList(0, Math.min(DEV_ROWS, dev.size())));
        long[][] gold = matrix(batch.labels(), batch.labelShape());
        batches.add(run("dev-" + task.name(), ReferenceBatch.DEV,
            matrix(batch.inputIds(), batch.shape()), matrix(batch.attentionMask(), batch.shape()),
            matrix(batch.typeIds(), batch.shape()), Map.of(task.name(), gold)));
      }
    }
    List<EncodedExample> train = tasks.get(0).split(Split.TRAIN);
    for (int rows : new int[] {1, 3, 8}) {
      batches.add(probe("batch-" + rows, cycle(train, rows)));
    }
    EncodedExample first = train.get(0);
    int keep = padding.side() == PaddingSide.LEFT ? first.length() - 1 : 0;
    batches.add(probe("length-1", List.of(new EncodedExample(first.source(),
        new long[] {first.inputIds()[keep]}, new long[] {first.typeIds()[keep]}, new long[0], new int[0], true))));
    batches.add(probe("max-length", List.of(longest(train))));
    batches.add(paddingRow(first));
    return new ReferenceSet(batches);
  }

  private ReferenceBatch probe(String name, List<EncodedExample> rows) {
    long[][][] padded = pad(rows, 0);
    return run(name, ReferenceBatch.PROBE, padded[0], padded[1], padded[2], Map.of());
  }

  /** One real row and one row of padding only (attention mask all zero). */
  private ReferenceBatch paddingRow(EncodedExample first) {
    long[][][] padded = pad(List.of(first), 1);
    return run("padding-row", ReferenceBatch.PROBE, padded[0], padded[1], padded[2], Map.of());
  }

  /**
   * Pads rows to the longest, on the tokenizer's side, then appends {@code extra} rows of padding.
   *
   * @return {@code input_ids}, {@code attention_mask} and {@code token_type_ids}
   */
  private long[][][] pad(List<EncodedExample> rows, int extra) {
    int length = rows.stream().mapToInt(EncodedExample::length).max().orElseThrow();
    int total = rows.size() + extra;
    long[][] ids = new long[total][length];
    long[][] mask = new long[total][length];
    long[][] types = new long[total][length];
    for (int r = 0; r < total; r++) {
      Arrays.fill(ids[r], padding.padId());
      Arrays.fill(types[r], padding.padTypeId());
      if (r < rows.size()) {
        EncodedExample e = rows.get(r);
        int at = padding.side() == PaddingSide.LEFT ? length - e.length() : 0;
        System.arraycopy(e.inputIds(), 0, ids[r], at, e.length());
        System.arraycopy(e.typeIds(), 0, types[r], at, e.length());
        Arrays.fill(mask[r], at, at + e.length(), 1L);
      }
    }
    return new long[][][] {ids, mask, types};
  }

  /** A row of the maximum length: training words joined until truncation cuts them. */
  private EncodedExample longest(List<EncodedExample> train) {
    StringBuilder text = new StringBuilder();
    String filler = String.join(" ", sourceWords(train.get(0)));
    for (int i = 0; i < encoder.maxSeqLen(); i++) {
      text.append(filler).append(' ');
    }
    return encoder.encode(new SentenceExample("max-length", 0, text.toString(), 0));
  }

  private static List<String> sourceWords(EncodedExample example) {
    if (example.source() instanceof SentenceExample s) {
      return List.of(s.text());
    } else if (example.source() instanceof PairExample p) {
      return List.of(p.textA(), p.textB());
    } else if (example.source() instanceof TaggedExample t) {
      return t.words();
    }
    return List.of(((MultiLabelExample) example.source()).text());
  }

  private ReferenceBatch run(String name, String split, long[][] ids, long[][] mask, long[][] types,
      Map<String, long[][]> gold) {
    boolean withTypes = model.encoder().family().usesTokenTypeIds();
    Map<String, FloatTensor> outputs = new LinkedHashMap<>();
    try (NDScope arrays = new NDScope(); NDManager scope = model.manager().newSubManager()) {
      arrays.suppressNotUsedWarning();
      NDList inputs = new NDList(scope.create(ids), scope.create(mask));
      if (withTypes) {
        inputs.add(scope.create(types));
      }
      List<String> tasks = model.tasks().stream().map(t -> t.name()).toList();
      model.forward(inputs, tasks, false).forEach((task, logits) -> outputs.put(task + ".logits", tensor(logits)));
    }
    return new ReferenceBatch(name, split, ids, mask, withTypes ? types : null, outputs, gold);
  }

  private static FloatTensor tensor(NDArray a) {
    return new FloatTensor(a.getShape().getShape(), a.toFloatArray());
  }

  private static List<EncodedExample> cycle(List<EncodedExample> examples, int rows) {
    List<EncodedExample> out = new ArrayList<>(rows);
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
