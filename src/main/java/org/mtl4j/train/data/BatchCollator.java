package org.mtl4j.train.data;

import java.util.Arrays;
import java.util.List;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Pads a task's encoded examples into a {@link Batch}, to the batch's longest row (never to the
 * maximum sequence length), on the side its {@link Padding} says.
 */
public final class BatchCollator {

  private final TaskSpec task;
  private final Padding padding;

  /**
   * @param task the task every collated example belongs to
   * @param padding pad ids and side, usually {@link ExampleEncoder#padding()}
   */
  public BatchCollator(TaskSpec task, Padding padding) {
    this.task = task;
    this.padding = padding;
  }

  /**
   * Pads examples into a batch.
   *
   * @param examples one or more encoded examples of this collator's task
   * @return the batch
   */
  public Batch collate(List<EncodedExample> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("task " + task.name() + ": cannot collate an empty batch");
    }
    int rows = examples.size();
    int length = examples.stream().mapToInt(EncodedExample::length).max().orElseThrow();
    long[] ids = new long[rows * length];
    long[] types = new long[rows * length];
    long[] mask = new long[rows * length];
    Arrays.fill(ids, padding.padId());
    Arrays.fill(types, padding.padTypeId());
    int[] offsets = new int[rows];
    for (int r = 0; r < rows; r++) {
      EncodedExample e = examples.get(r);
      offsets[r] = padding.side() == PaddingSide.LEFT ? length - e.length() : 0;
      int at = r * length + offsets[r];
      System.arraycopy(e.inputIds(), 0, ids, at, e.length());
      System.arraycopy(e.typeIds(), 0, types, at, e.length());
      Arrays.fill(mask, at, at + e.length(), 1L);
    }
    return switch (task.type()) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION ->
          batch(examples, length, ids, types, mask, classes(examples), new long[] {rows}, offsets);
      case NER ->
          batch(
              examples,
              length,
              ids,
              types,
              mask,
              tags(examples, length, offsets),
              new long[] {rows, length},
              offsets);
      case MULTI_LABEL_CLASSIFICATION ->
          batch(
              examples,
              length,
              ids,
              types,
              mask,
              multiHot(examples),
              new long[] {rows, task.labels().size()},
              offsets);
    };
  }

  private Batch batch(
      List<EncodedExample> examples,
      int length,
      long[] ids,
      long[] types,
      long[] mask,
      long[] labels,
      long[] labelShape,
      int[] offsets) {
    return new Batch(task.name(), examples, length, ids, types, mask, labels, labelShape, offsets);
  }

  private static long[] classes(List<EncodedExample> examples) {
    return examples.stream().mapToLong(e -> e.labels()[0]).toArray();
  }

  private static long[] tags(List<EncodedExample> examples, int length, int[] offsets) {
    long[] tags = new long[examples.size() * length];
    Arrays.fill(tags, ExampleEncoder.IGNORE_INDEX);
    for (int r = 0; r < examples.size(); r++) {
      long[] row = examples.get(r).labels();
      System.arraycopy(row, 0, tags, r * length + offsets[r], row.length);
    }
    return tags;
  }

  private long[] multiHot(List<EncodedExample> examples) {
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
