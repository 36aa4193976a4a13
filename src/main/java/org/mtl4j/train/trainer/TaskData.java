package org.mtl4j.train.trainer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.train.data.BatchCollator;
import org.mtl4j.train.data.DataReader;
import org.mtl4j.train.data.ExampleTokenizer;
import org.mtl4j.train.data.TokenizedExample;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskDefinition;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * One task's data, read and tokenized: every split its task file lists, and the collator that pads
 * its batches.
 *
 * @param definition the task as its task file defines it
 * @param collator pads batches of this task
 * @param splits the encoded examples of each split present, in file order
 */
public record TaskData(
    TaskDefinition definition, BatchCollator collator, Map<Split, List<TokenizedExample>> splits) {

  /**
   * Reads and encodes the splits a task lists, of those asked for.
   *
   * @param task the task
   * @param tokenizer the package's tokenizer; its packer pads the batches
   * @param wanted the splits to read; those the task has no file for are left out
   * @return the data
   */
  public static TaskData prepare(
      TaskDefinition task, ExampleTokenizer tokenizer, Set<Split> wanted) {
    Map<Split, List<TokenizedExample>> splits = new EnumMap<>(Split.class);
    for (Split split : wanted) {
      if (task.files().file(split).isPresent()) {
        splits.put(split, tokenizer.encodeAll(DataReader.read(task, split)));
      }
    }
    if (wanted.contains(Split.TRAIN) && splits.get(Split.TRAIN).isEmpty()) {
      throw new IllegalArgumentException(
          task.files().train() + ": task " + task.name() + " has no training examples");
    }
    return new TaskData(task, new BatchCollator(task.spec(), tokenizer.packer()), splits);
  }

  /**
   * @return the task's spec
   */
  public TaskSpec spec() {
    return definition.spec();
  }

  /**
   * @return the task's name
   */
  public String name() {
    return definition.name();
  }

  /**
   * @param split a split
   * @return its examples, empty when the task has no file for it
   */
  public List<TokenizedExample> split(Split split) {
    return splits.getOrDefault(split, List.of());
  }
}
