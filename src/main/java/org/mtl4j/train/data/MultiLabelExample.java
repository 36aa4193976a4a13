package org.mtl4j.train.data;

import java.util.List;

/**
 * A multi-label classification row: any number of labels, none included.
 *
 * @param uid the row's id
 * @param line the row's 1-based line
 * @param text the sentence
 * @param labels the label indices, ascending and distinct
 */
public record MultiLabelExample(String uid, int line, String text, List<Integer> labels)
    implements Example {

  /** Copies the labels and keeps them sorted. */
  public MultiLabelExample {
    labels = labels.stream().sorted().distinct().toList();
  }
}
