package org.mtl4j.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.metrics.Metrics;
import org.mtl4j.metrics.TaskMetric;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * A task's metrics on the dev batches of a reference set, computed from a set of logits:
 * predictions are the argmax (the positive logits for multi-label), gold labels those the batches
 * carry (see {@link ReferenceBatch}).
 */
final class DevMetrics {

  private DevMetrics() {}

  /**
   * @param task the task; its {@link TaskSpec#metrics()} are computed
   * @param batches dev batches holding gold labels for the task
   * @param logits the logits of each batch, in the same order
   * @return metric name to value; empty when the task names no metric or no batch has its gold
   */
  static Map<String, Double> compute(
      TaskSpec task, List<ReferenceBatch> batches, List<FloatTensor> logits) {
    return score(task, batches, logits).metrics();
  }

  /**
   * @param task the task; its {@link TaskSpec#metrics()} are computed
   * @param batches dev batches holding gold labels for the task
   * @param logits the logits of each batch, in the same order
   * @return the metrics (empty when the task names none or no batch has its gold) and, per row with
   *     gold, the predicted labels
   */
  static TaskScore score(TaskSpec task, List<ReferenceBatch> batches, List<FloatTensor> logits) {
    List<String> goldLabels = new ArrayList<>();
    List<String> predLabels = new ArrayList<>();
    List<List<String>> goldTags = new ArrayList<>();
    List<List<String>> predTags = new ArrayList<>();
    List<Set<String>> goldSets = new ArrayList<>();
    List<Set<String>> predSets = new ArrayList<>();
    List<List<String>> predicted = new ArrayList<>();
    List<String> labels = task.labels();
    for (int i = 0; i < batches.size(); i++) {
      long[][] gold = batches.get(i).gold().get(task.name());
      if (gold == null) {
        continue;
      }
      FloatTensor t = logits.get(i);
      int classes = labels.size();
      float[] data = t.data();
      for (int r = 0; r < gold.length; r++) {
        switch (task.type()) {
          case NER -> {
            int length = (int) t.shape()[1];
            List<String> g = new ArrayList<>();
            List<String> p = new ArrayList<>();
            for (int s = 0; s < length; s++) {
              if (gold[r][s] != ReferenceBatch.IGNORED) {
                g.add(labels.get((int) gold[r][s]));
                p.add(labels.get(argmax(data, (r * length + s) * classes, classes)));
              }
            }
            goldTags.add(g);
            predTags.add(p);
            predicted.add(p);
          }
          case MULTI_LABEL_CLASSIFICATION -> {
            Set<String> g = new LinkedHashSet<>();
            Set<String> p = new LinkedHashSet<>();
            for (int c = 0; c < classes; c++) {
              if (gold[r][c] != 0) {
                g.add(labels.get(c));
              }
              if (data[r * classes + c] > 0) {
                p.add(labels.get(c));
              }
            }
            goldSets.add(g);
            predSets.add(p);
            predicted.add(List.copyOf(p));
          }
          default -> {
            goldLabels.add(labels.get((int) gold[r][0]));
            predLabels.add(labels.get(argmax(data, r * classes, classes)));
            predicted.add(List.of(predLabels.get(predLabels.size() - 1)));
          }
        }
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    if (goldLabels.isEmpty() && goldTags.isEmpty() && goldSets.isEmpty()) {
      return new TaskScore(out, predicted);
    }
    for (String name : task.metrics()) {
      TaskMetric metric = Metrics.lookup(name);
      double value =
          switch (metric.input()) {
            case LABELS -> Metrics.classification(name).compute(goldLabels, predLabels);
            case TAG_SEQUENCES -> Metrics.tagging(name).compute(goldTags, predTags);
            case LABEL_SETS -> Metrics.multiLabel(name).compute(goldSets, predSets);
          };
      out.put(name, value);
    }
    return new TaskScore(out, predicted);
  }

  private static int argmax(float[] data, int offset, int length) {
    int best = 0;
    for (int i = 1; i < length; i++) {
      if (data[offset + i] > data[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
