package org.mtl4j.train.trainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.train.data.Batch;
import org.mtl4j.train.data.Example;
import org.mtl4j.train.data.MultiLabelExample;
import org.mtl4j.train.data.PairExample;
import org.mtl4j.train.data.SentenceExample;
import org.mtl4j.train.data.TaggedExample;
import org.mtl4j.train.data.TokenizedExample;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.tasks.Split;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Runs a model over a task's split, in file order and fixed batches, and decodes its logits into
 * label names: the arg-max class, every label whose logit is positive (sigmoid above 0.5) for
 * multi-label tasks, and for NER the arg-max tag at each word's first sub-token. A word that
 * truncation cut off is predicted {@code O} (or the first tag when the tag set has no {@code O}),
 * so it counts against the score instead of vanishing from it.
 *
 * <p>The model is the trained one in eval mode (no dropout) or an exported graph ({@link
 * TaskLogits}); either way the batches, the decoding and the metrics are this class's.
 */
public final class Evaluator {

  private final TaskLogits model;
  private final int batchSize;

  /**
   * @param model the trained model, run in eval mode
   * @param batchSize examples per forward pass
   */
  public Evaluator(MultiTaskModel model, int batchSize) {
    this(new TrainedModelLogits(model), batchSize);
  }

  /**
   * @param model what computes each batch's logits
   * @param batchSize examples per forward pass
   */
  public Evaluator(TaskLogits model, int batchSize) {
    this.model = model;
    this.batchSize = batchSize;
  }

  /**
   * Every task's metrics on a split; tasks without a file for it are left out.
   *
   * @param tasks the tasks
   * @param split the split
   * @return task name to metric name to value
   */
  public Map<String, Map<String, Double>> evaluate(List<TaskData> tasks, Split split) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (TaskData task : tasks) {
      if (!task.split(split).isEmpty()) {
        out.put(task.name(), predict(task, split).metrics());
      }
    }
    return out;
  }

  /**
   * @param task the task
   * @param split the split
   * @return gold and predicted labels of every example of the split
   */
  public TaskPredictions predict(TaskData task, Split split) {
    List<TokenizedExample> examples = task.split(split);
    TaskSpec spec = task.spec();
    List<List<String>> gold = new ArrayList<>();
    List<List<String>> predicted = new ArrayList<>();
    for (int from = 0; from < examples.size(); from += batchSize) {
      Batch batch =
          task.collator()
              .collate(examples.subList(from, Math.min(examples.size(), from + batchSize)));
      float[] values = model.logits(batch, spec);
      for (int r = 0; r < batch.size(); r++) {
        gold.add(gold(spec, batch.examples().get(r).source()));
        predicted.add(decode(spec, batch, r, values));
      }
    }
    return new TaskPredictions(spec, gold, predicted);
  }

  private static List<String> gold(TaskSpec spec, Example example) {
    List<String> labels = spec.labels();
    if (example instanceof SentenceExample s) {
      return List.of(labels.get(s.label()));
    } else if (example instanceof PairExample p) {
      return List.of(labels.get(p.label()));
    } else if (example instanceof MultiLabelExample m) {
      return m.labels().stream().map(labels::get).toList();
    }
    return ((TaggedExample) example).tags().stream().map(labels::get).toList();
  }

  private static List<String> decode(TaskSpec spec, Batch batch, int row, float[] logits) {
    List<String> labels = spec.labels();
    int classes = labels.size();
    return switch (spec.type()) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION ->
          List.of(labels.get(argmax(logits, row * classes, classes)));
      case MULTI_LABEL_CLASSIFICATION -> {
        List<String> present = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
          if (logits[row * classes + c] > 0) {
            present.add(labels.get(c));
          }
        }
        yield present;
      }
      case NER -> {
        TokenizedExample example = batch.examples().get(row);
        String outside = labels.contains("O") ? "O" : labels.get(0);
        List<String> tags = new ArrayList<>();
        for (int start : example.wordStarts()) {
          if (start < 0) {
            tags.add(outside);
          } else {
            int column = batch.offsets()[row] + start;
            tags.add(
                labels.get(argmax(logits, (row * batch.length() + column) * classes, classes)));
          }
        }
        yield tags;
      }
    };
  }

  private static int argmax(float[] values, int from, int count) {
    int best = 0;
    for (int i = 1; i < count; i++) {
      if (values[from + i] > values[from + best]) {
        best = i;
      }
    }
    return best;
  }
}
