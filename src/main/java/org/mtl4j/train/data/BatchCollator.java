package org.mtl4j.train.data;

import java.util.Arrays;
import java.util.List;
import org.mtl4j.runtime.BatchPacker;
import org.mtl4j.runtime.PackedBatch;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Pads a task's encoded examples into a {@link Batch}, to the batch's longest row (never to the
 * maximum sequence length), with runtime's {@link BatchPacker}: the tokenizer's pad ids, on its
 * side, exactly as serving pads.
 */
public final class BatchCollator {

  private final TaskSpec task;
  private final BatchPacker packer;

  /**
   * @param task the task every collated example belongs to
   * @param packer pad ids and side, usually {@link ExampleTokenizer#packer()}
   */
  public BatchCollator(TaskSpec task, BatchPacker packer) {
    this.task = task;
    this.packer = packer;
  }

  /**
   * Pads examples' tokens, without labels.
   *
   * @param packer pad ids and side
   * @param examples one or more tokenized examples
   * @param paddingRows rows of padding only to append
   * @return the packed inputs
   */
  public static PackedBatch pack(
      BatchPacker packer, List<TokenizedExample> examples, int paddingRows) {
    return packer.pack(
        examples.stream().map(TokenizedExample::inputIds).toList(),
        examples.stream().map(TokenizedExample::typeIds).toList(),
        paddingRows);
  }

  /**
   * Pads examples into a batch.
   *
   * @param examples one or more encoded examples of this collator's task
   * @return the batch
   */
  public Batch collate(List<TokenizedExample> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("task " + task.name() + ": cannot collate an empty batch");
    }
    PackedBatch padded = pack(packer, examples, 0);
    int rows = padded.rows();
    int length = padded.length();
    return switch (task.type()) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION ->
          batch(examples, padded, classes(examples), new long[] {rows});
      case NER ->
          batch(
              examples,
              padded,
              tags(examples, length, padded.offsets()),
              new long[] {rows, length});
      case MULTI_LABEL_CLASSIFICATION ->
          batch(examples, padded, multiHot(examples), new long[] {rows, task.labels().size()});
    };
  }

  private Batch batch(
      List<TokenizedExample> examples, PackedBatch padded, long[] labels, long[] labelShape) {
    return new Batch(
        task.name(),
        examples,
        padded.length(),
        padded.inputIds(),
        padded.tokenTypeIds(),
        padded.attentionMask(),
        labels,
        labelShape,
        padded.offsets());
  }

  private static long[] classes(List<TokenizedExample> examples) {
    return examples.stream().mapToLong(e -> e.labels()[0]).toArray();
  }

  private static long[] tags(List<TokenizedExample> examples, int length, int[] offsets) {
    long[] tags = new long[examples.size() * length];
    Arrays.fill(tags, ExampleTokenizer.IGNORE_INDEX);
    for (int r = 0; r < examples.size(); r++) {
      long[] row = examples.get(r).labels();
      System.arraycopy(row, 0, tags, r * length + offsets[r], row.length);
    }
    return tags;
  }

  private long[] multiHot(List<TokenizedExample> examples) {
    int classes = task.labels().size();
    long[] hot = new long[examples.size() * classes];
    for (int r = 0; r < examples.size(); r++) {
      for (long label : examples.get(r).labels()) {
        hot[r * classes + (int) label] = 1;
      }
    }
    return hot;
  }
}
