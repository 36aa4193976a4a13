package org.mtl4j.metrics.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.mtl4j.metrics.ClassificationMetric;
import org.mtl4j.metrics.MetricInput;
import org.mtl4j.metrics.Metrics;
import org.mtl4j.metrics.MultiLabelMetric;
import org.mtl4j.metrics.TaggingMetric;
import org.mtl4j.metrics.TaskMetric;

/**
 * Scores a prediction file against a gold file (both {@link LabelFile}s), matching rows by uid: the
 * back end of {@code mtl score}. Every metric named must score the same kind of input, which
 * decides how the label column is read: as a plain label, as a tag list, or as a label-set list.
 *
 * @param input what the files hold
 * @param metrics the metrics, in the order given
 * @param gold the gold file
 * @param pred the prediction file
 */
public record FileScorer(
    MetricInput input, List<TaskMetric> metrics, LabelFile gold, LabelFile pred) {

  /**
   * Reads both files and checks that they hold the same uids.
   *
   * @param metricNames the metric names, as a task file spells them
   * @param gold the gold file
   * @param pred the prediction file
   * @return the scorer
   * @throws IllegalArgumentException for an unknown metric, metrics of different kinds, a bad file,
   *     or a uid present in one file only (naming the uid)
   */
  public static FileScorer open(List<String> metricNames, Path gold, Path pred) {
    if (metricNames.isEmpty()) {
      throw new IllegalArgumentException("no metric named");
    }
    List<TaskMetric> metrics = new ArrayList<>();
    for (String name : metricNames) {
      TaskMetric metric = Metrics.lookup(name.strip());
      if (!metrics.isEmpty() && metric.input() != metrics.get(0).input()) {
        throw new IllegalArgumentException(
            "metrics "
                + metrics.get(0).name()
                + " ("
                + metrics.get(0).input()
                + ") and "
                + metric.name()
                + " ("
                + metric.input()
                + ") need different file formats; score them separately");
      }
      metrics.add(metric);
    }
    LabelFile goldFile = LabelFile.read(gold);
    LabelFile predFile = LabelFile.read(pred);
    requireSubset(goldFile, predFile, "predictions");
    requireSubset(predFile, goldFile, "gold file");
    return new FileScorer(metrics.get(0).input(), List.copyOf(metrics), goldFile, predFile);
  }

  private static void requireSubset(LabelFile from, LabelFile other, String otherName) {
    for (LabelFile.Row row : from.rows().values()) {
      if (!other.rows().containsKey(row.uid())) {
        throw new IllegalArgumentException(
            "uid '"
                + row.uid()
                + "' ("
                + from.path()
                + ":"
                + row.line()
                + ") is missing from the "
                + otherName
                + " "
                + other.path());
      }
    }
  }

  /**
   * @return metric name to score, in the order the metrics were named, each on its metric's scale
   * @throws IllegalArgumentException for a malformed label column or tag lists of different lengths
   *     (naming the uid)
   */
  public Map<String, Double> scores() {
    Map<String, Double> scores = new LinkedHashMap<>();
    switch (input) {
      case LABELS -> {
        List<String> g = goldLabels();
        List<String> p = predLabels();
        metrics.forEach(m -> scores.put(m.name(), ((ClassificationMetric) m).compute(g, p)));
      }
      case TAG_SEQUENCES -> {
        List<List<String>> g = goldLists();
        List<List<String>> p = predLists();
        requireSameLengths(g, p);
        metrics.forEach(m -> scores.put(m.name(), ((TaggingMetric) m).compute(g, p)));
      }
      case LABEL_SETS -> {
        List<Set<String>> g = goldLists().stream().<Set<String>>map(LinkedHashSet::new).toList();
        List<Set<String>> p = predLists().stream().<Set<String>>map(LinkedHashSet::new).toList();
        metrics.forEach(m -> scores.put(m.name(), ((MultiLabelMetric) m).compute(g, p)));
      }
    }
    return scores;
  }

  private void requireSameLengths(List<List<String>> goldTags, List<List<String>> predTags) {
    int i = 0;
    for (LabelFile.Row row : gold.rows().values()) {
      int g = goldTags.get(i).size();
      int p = predTags.get(i++).size();
      if (g != p) {
        throw new IllegalArgumentException(
            "uid '"
                + row.uid()
                + "': gold has "
                + g
                + " tags ("
                + gold.path()
                + ":"
                + row.line()
                + ") but the prediction has "
                + p
                + " ("
                + pred.path()
                + ":"
                + pred.rows().get(row.uid()).line()
                + ")");
      }
    }
  }

  /**
   * @return gold labels in gold-file order
   */
  public List<String> goldLabels() {
    return inGoldOrder(gold).map(LabelFile.Row::label).toList();
  }

  /**
   * @return predicted labels in gold-file order
   */
  public List<String> predLabels() {
    return inGoldOrder(pred).map(LabelFile.Row::label).toList();
  }

  /**
   * @return gold tag (or label) lists in gold-file order
   */
  public List<List<String>> goldLists() {
    return inGoldOrder(gold).map(row -> list(gold, row)).toList();
  }

  /**
   * @return predicted tag (or label) lists in gold-file order
   */
  public List<List<String>> predLists() {
    return inGoldOrder(pred).map(row -> list(pred, row)).toList();
  }

  /** The file's rows in the gold file's order (every gold uid is in both files). */
  private Stream<LabelFile.Row> inGoldOrder(LabelFile file) {
    return gold.rows().keySet().stream().map(uid -> file.rows().get(uid));
  }

  private static List<String> list(LabelFile file, LabelFile.Row row) {
    try {
      return PythonListLiteral.parse(row.label());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file.path() + ":" + row.line() + " (uid '" + row.uid() + "'): " + e.getMessage(), e);
    }
  }
}
