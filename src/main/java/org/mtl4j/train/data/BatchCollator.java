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
    PaddedRows padded = PaddedRows.of(examples, 0, padding);
    int rows = padded.rows();
    int length = padded.length();
    return switch (task.type()) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION ->
          batch(examples, padded, classes(examples), new long[] {rows});
      case NER -> batch(examples, padded, tags(examples, length, padded.offsets()), new long[] {rows, length});
      case MULTI_LABEL_CLASSIFICATION ->
          batch(examples, padded, multiHot(examples), new long[] {rows, task.labels().size()});
    };
  }

  private Batch batch(List<EncodedExample> examples, PaddedRows padded, long[] labels, long[] labelShape) {
    return new Batch(task.name(), examples, padded.length(), padded.inputIds(), padded.typeIds(),
        padded.attentionMask(), labels, labelShape, padded.offsets());
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
