package org.mtl4j.train.data;

/**
 * One labelled row of a task's data file, its labels already mapped to label indices.
 *
 * <p>Each task type has its own record: {@link SentenceExample}, {@link PairExample}, {@link
 * TaggedExample}, {@link MultiLabelExample}.
 */
public sealed interface Example
    permits SentenceExample, PairExample, TaggedExample, MultiLabelExample {

  /**
   * @return the row's id from the file (the line number for JSONL rows without a uid)
   */
  String uid();

  /**
   * @return the 1-based line of the row in its file
   */
  int line();
}
