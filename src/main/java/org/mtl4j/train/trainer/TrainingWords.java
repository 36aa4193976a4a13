package org.mtl4j.train.trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mtl4j.train.data.DataReader;
import org.mtl4j.train.data.Example;
import org.mtl4j.train.data.MultiLabelExample;
import org.mtl4j.train.data.PairExample;
import org.mtl4j.train.data.SentenceExample;
import org.mtl4j.train.data.TaggedExample;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.train.tasks.TaskDefinition;
import org.mtl4j.train.tasks.TaskFile;

/** The whitespace-separated words of every task's training file, for a preset's vocabulary. */
final class TrainingWords {

  private TrainingWords() {}

  static List<String> of(TaskFile taskFile) {
    List<String> words = new ArrayList<>();
    for (TaskDefinition task : taskFile.tasks()) {
      for (Example example : DataReader.read(task, Split.TRAIN)) {
        if (example instanceof SentenceExample s) {
          split(s.text(), words);
        } else if (example instanceof PairExample p) {
          split(p.textA(), words);
          split(p.textB(), words);
        } else if (example instanceof MultiLabelExample m) {
          split(m.text(), words);
        } else {
          words.addAll(((TaggedExample) example).words());
        }
      }
    }
    return words;
  }

  private static void split(String text, List<String> words) {
    Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).forEach(words::add);
  }
}
