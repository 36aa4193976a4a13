package org.mtl4j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.mtl4j.metrics.classification.ClassificationReport;
import org.mtl4j.metrics.classification.ConfusionMatrix;
import org.mtl4j.metrics.classification.MultiLabelScores;
import org.mtl4j.metrics.tagging.Chunking;
import org.mtl4j.metrics.tagging.ConllevalScorer;
import org.mtl4j.metrics.tagging.EntityReport;

/**
 * Every metric a task file can name, with the original library's semantics and scale.
 *
 * <p>The nine metrics of the original library (hellohaptik/multi-task-NLP {@code
 * utils/eval_metrics.py}, pinned to scikit-learn 0.23.1 and seqeval 0.0.12) keep its names,
 * semantics and scales, including the mix of percentages and fractions; the others are marked as
 * additions. Where the originals would return NaN (no examples at all) these return 0.
 *
 * <p>Use: {@code Metrics.classification("classification_accuracy").compute(gold, pred)} for a
 * single-label task, {@code Metrics.tagging("seqeval_f1_score")} for a tagging task, {@code
 * Metrics.multiLabel(name)} for a multi-label task (which also reads the {@code classification_*}
 * names, as scikit-learn would on label-indicator input), or {@link #lookup(String)} and dispatch
 * on {@link TaskMetric#input()}. {@link #names(MetricInput)} lists the names a task of each kind
 * may use. Every metric is stateless and thread-safe.
 */
public final class Metrics {

  /**
   * {@code classification_accuracy}: scikit-learn {@code accuracy_score(gold, pred) * 100}, the
   * percentage of examples whose predicted label equals the gold label. <b>Percent</b>, 0 to 100.
   */
  public static final ClassificationMetric CLASSIFICATION_ACCURACY =
      labels(
          "classification_accuracy",
          Scale.PERCENT,
          (g, p) -> ConfusionMatrix.of(g, p).accuracy() * 100);

  /**
   * {@code classification_f1_score}: scikit-learn {@code f1_score(gold, pred, average="micro")}.
   * Micro averaging over single-label data makes it equal to the accuracy as a fraction.
   * <b>Fraction</b>, 0 to 1.
   */
  public static final ClassificationMetric CLASSIFICATION_F1_SCORE =
      labels(
          "classification_f1_score", Scale.FRACTION, (g, p) -> report(g, p).table().micro().f1());

  /**
   * {@code classification_recall} (also accepted as {@code classification_recall_score}, the name
   * the original's documentation wrongly gives): scikit-learn {@code recall_score(gold, pred,
   * average="micro")}, which for single-label data also equals the accuracy as a fraction.
   * <b>Fraction</b>, 0 to 1.
   */
  public static final ClassificationMetric CLASSIFICATION_RECALL =
      labels(
          "classification_recall", Scale.FRACTION, (g, p) -> report(g, p).table().micro().recall());

  /**
   * {@code classification_macro_f1} (addition): scikit-learn {@code f1_score(average="macro")}, the
   * unweighted mean F1 over the sorted union of gold and predicted labels; a label never predicted
   * has F1 0 (scikit-learn's {@code zero_division="warn"}). <b>Fraction</b>.
   */
  public static final ClassificationMetric CLASSIFICATION_MACRO_F1 =
      labels(
          "classification_macro_f1", Scale.FRACTION, (g, p) -> report(g, p).table().macro().f1());

  /**
   * {@code classification_weighted_f1} (addition): scikit-learn {@code
   * f1_score(average="weighted")}, per-label F1 averaged with the gold support as weight.
   * <b>Fraction</b>.
   */
  public static final ClassificationMetric CLASSIFICATION_WEIGHTED_F1 =
      labels(
          "classification_weighted_f1",
          Scale.FRACTION,
          (g, p) -> report(g, p).table().weighted().f1());

  /**
   * {@code seqeval_f1_score}: seqeval 0.0.12 {@code f1_score(gold, pred)} with its defaults: entity
   * level, micro-averaged over all entity types, lenient conlleval chunking (an {@code I-} without
   * a {@code B-} starts an entity; see {@link org.mtl4j.metrics.tagging.LenientChunker}); an entity
   * counts only with the same type and the same boundaries. <b>Fraction</b>, 0 to 1.
   */
  public static final TaggingMetric SEQEVAL_F1_SCORE =
      tags("seqeval_f1_score", Scale.FRACTION, (g, p) -> lenient(g, p).micro().f1());

  /**
   * {@code seqeval_precision}: seqeval 0.0.12 {@code precision_score}, correct predicted entities
   * over predicted entities, lenient chunking, micro-averaged. <b>Fraction</b>, 0 to 1.
   */
  public static final TaggingMetric SEQEVAL_PRECISION =
      tags("seqeval_precision", Scale.FRACTION, (g, p) -> lenient(g, p).micro().precision());

  /**
   * {@code seqeval_recall}: seqeval 0.0.12 {@code recall_score}, correct predicted entities over
   * gold entities, lenient chunking, micro-averaged. <b>Fraction</b>, 0 to 1.
   */
  public static final TaggingMetric SEQEVAL_RECALL =
      tags("seqeval_recall", Scale.FRACTION, (g, p) -> lenient(g, p).micro().recall());

  /**
   * {@code snips_f1_score}: the original's {@code computeF1Score} (MiuLab SlotGated-SLU's port of
   * conlleval.pl; see {@link ConllevalScorer}), chunk-level micro F1 from the percentage precision
   * and recall. Tags with more than one hyphen are an error. <b>Percent</b>, 0 to 100.
   */
  public static final TaggingMetric SNIPS_F1_SCORE =
      tags("snips_f1_score", Scale.PERCENT, (g, p) -> ConllevalScorer.count(g, p).f1Percent());

  /**
   * {@code snips_precision}: {@code computeF1Score}'s precision, correct chunks over predicted
   * chunks. <b>Percent</b>, 0 to 100.
   */
  public static final TaggingMetric SNIPS_PRECISION =
      tags(
          "snips_precision",
          Scale.PERCENT,
          (g, p) -> ConllevalScorer.count(g, p).precisionPercent());

  /**
   * {@code snips_recall}: {@code computeF1Score}'s recall, correct chunks over gold chunks.
   * <b>Percent</b>, 0 to 100.
   */
  public static final TaggingMetric SNIPS_RECALL =
      tags("snips_recall", Scale.PERCENT, (g, p) -> ConllevalScorer.count(g, p).recallPercent());

  /**
   * {@code seqeval_strict_iob2_f1} (addition): seqeval 1.x {@code f1_score(mode="strict",
   * scheme=IOB2)}, micro entity F1 where only well-formed IOB2 entities count; a tag outside I/O/B
   * is an error. <b>Fraction</b>.
   */
  public static final TaggingMetric SEQEVAL_STRICT_IOB2_F1 =
      tags(
          "seqeval_strict_iob2_f1",
          Scale.FRACTION,
          (g, p) -> EntityReport.of(g, p, Chunking.STRICT_IOB2).table().micro().f1());

  /**
   * {@code seqeval_strict_iobes_f1} (addition): seqeval 1.x {@code f1_score(mode="strict",
   * scheme=IOBES)}: an entity must close with {@code E-} or be a lone {@code S-}. <b>Fraction</b>.
   */
  public static final TaggingMetric SEQEVAL_STRICT_IOBES_F1 =
      tags(
          "seqeval_strict_iobes_f1",
          Scale.FRACTION,
          (g, p) -> EntityReport.of(g, p, Chunking.STRICT_IOBES).table().micro().f1());

  /**
   * {@code multilabel_micro_f1} (addition): scikit-learn {@code f1_score(average="micro")} on the
   * label indicator matrix. <b>Fraction</b>.
   */
  public static final MultiLabelMetric MULTILABEL_MICRO_F1 =
      sets("multilabel_micro_f1", Scale.FRACTION, s -> s.table().micro().f1());

  /**
   * {@code multilabel_macro_f1} (addition): scikit-learn {@code f1_score(average="macro")} on the
   * label indicator matrix, columns = labels seen in gold or predictions. <b>Fraction</b>.
   */
  public static final MultiLabelMetric MULTILABEL_MACRO_F1 =
      sets("multilabel_macro_f1", Scale.FRACTION, s -> s.table().macro().f1());

  /**
   * {@code multilabel_subset_accuracy} (addition): scikit-learn {@code accuracy_score} on
   * multi-label data, the fraction of examples with exactly the gold label set. <b>Fraction</b>.
   */
  public static final MultiLabelMetric MULTILABEL_SUBSET_ACCURACY =
      sets("multilabel_subset_accuracy", Scale.FRACTION, MultiLabelScores::subsetAccuracy);

  /**
   * {@code multilabel_hamming_loss} (addition; lower is better): scikit-learn {@code hamming_loss},
   * the fraction of wrong label decisions. <b>Fraction</b>.
   */
  public static final MultiLabelMetric MULTILABEL_HAMMING_LOSS =
      sets("multilabel_hamming_loss", Scale.FRACTION, MultiLabelScores::hammingLoss);

  private static final Map<String, TaskMetric> BY_NAME = catalogue();

  /**
   * The {@code classification_*} names applied to a multi-label task, with scikit-learn's semantics
   * for label-indicator input: {@code classification_accuracy} is {@code accuracy_score * 100}, the
   * percentage of examples with exactly the gold label set (subset accuracy); {@code
   * classification_f1_score} and {@code classification_recall} (alias {@code
   * classification_recall_score}) are the micro F1 and micro recall over all label decisions.
   * Reached through {@link #multiLabel(String)}.
   */
  private static final Map<String, MultiLabelMetric> MULTI_LABEL_READINGS = multiLabelReadings();

  private Metrics() {}

  /**
   * Finds a metric by the name a task file uses.
   *
   * @param name the metric's name
   * @return the metric
   * @throws IllegalArgumentException naming the unknown metric and listing the known ones
   */
  public static TaskMetric lookup(String name) {
    TaskMetric metric = BY_NAME.get(name);
    if (metric == null) {
      throw new IllegalArgumentException(
          "unknown metric '" + name + "'; known metrics: " + String.join(", ", BY_NAME.keySet()));
    }
    return metric;
  }

  /**
   * @param name a classification metric's name
   * @return the metric
   * @throws IllegalArgumentException for an unknown name or a metric of another kind
   */
  public static ClassificationMetric classification(String name) {
    return as(name, ClassificationMetric.class);
  }

  /**
   * @param name a tagging metric's name
   * @return the metric
   * @throws IllegalArgumentException for an unknown name or a metric of another kind
   */
  public static TaggingMetric tagging(String name) {
    return as(name, TaggingMetric.class);
  }

  /**
   * Finds a metric for a multi-label task: a {@code multilabel_*} metric, or one of {@code
   * classification_accuracy}, {@code classification_f1_score}, {@code classification_recall} and
   * {@code classification_recall_score} read as scikit-learn reads them on label-indicator input
   * (subset accuracy in percent, micro F1, micro recall).
   *
   * @param name a metric name
   * @return the metric
   * @throws IllegalArgumentException for an unknown name or a metric that cannot score label sets
   */
  public static MultiLabelMetric multiLabel(String name) {
    MultiLabelMetric reading = MULTI_LABEL_READINGS.get(name);
    return reading != null ? reading : as(name, MultiLabelMetric.class);
  }

  /**
   * The names a task of one input kind may list, for task-file validation.
   *
   * @param input what the task's metrics score
   * @return every name (aliases included) that {@link #classification}, {@link #tagging} or {@link
   *     #multiLabel} accepts for that input, in catalogue order
   */
  public static List<String> names(MetricInput input) {
    List<String> names = new ArrayList<>();
    if (input == MetricInput.LABEL_SETS) {
      names.addAll(MULTI_LABEL_READINGS.keySet());
    }
    BY_NAME.forEach(
        (name, metric) -> {
          if (metric.input() == input) {
            names.add(name);
          }
        });
    return List.copyOf(names);
  }

  /**
   * @return every accepted name (aliases included) mapped to its metric, in catalogue order
   */
  public static Map<String, TaskMetric> all() {
    return BY_NAME;
  }

  private static <T extends TaskMetric> T as(String name, Class<T> kind) {
    TaskMetric metric = lookup(name);
    if (!kind.isInstance(metric)) {
      throw new IllegalArgumentException(
          "metric '" + name + "' scores " + metric.input() + ", not " + kind.getSimpleName());
    }
    return kind.cast(metric);
  }

  private static Map<String, TaskMetric> catalogue() {
    Map<String, TaskMetric> map = new LinkedHashMap<>();
    for (TaskMetric m :
        List.of(
            CLASSIFICATION_ACCURACY,
            CLASSIFICATION_F1_SCORE,
            CLASSIFICATION_RECALL,
            SEQEVAL_F1_SCORE,
            SEQEVAL_PRECISION,
            SEQEVAL_RECALL,
            SNIPS_F1_SCORE,
            SNIPS_PRECISION,
            SNIPS_RECALL,
            CLASSIFICATION_MACRO_F1,
            CLASSIFICATION_WEIGHTED_F1,
            SEQEVAL_STRICT_IOB2_F1,
            SEQEVAL_STRICT_IOBES_F1,
            MULTILABEL_MICRO_F1,
            MULTILABEL_MACRO_F1,
            MULTILABEL_SUBSET_ACCURACY,
            MULTILABEL_HAMMING_LOSS)) {
      map.put(m.name(), m);
    }
    map.put("classification_recall_score", CLASSIFICATION_RECALL);
    return Collections.unmodifiableMap(map);
  }

  private static Map<String, MultiLabelMetric> multiLabelReadings() {
    Map<String, MultiLabelMetric> map = new LinkedHashMap<>();
    map.put(
        "classification_accuracy",
        sets("classification_accuracy", Scale.PERCENT, s -> s.subsetAccuracy() * 100));
    map.put(
        "classification_f1_score",
        sets("classification_f1_score", Scale.FRACTION, s -> s.table().micro().f1()));
    MultiLabelMetric recall =
        sets("classification_recall", Scale.FRACTION, s -> s.table().micro().recall());
    map.put("classification_recall", recall);
    map.put("classification_recall_score", recall);
    return Collections.unmodifiableMap(map);
  }

  private static ClassificationReport report(List<String> gold, List<String> pred) {
    return ClassificationReport.of(gold, pred);
  }

  private static ScoreTable lenient(
      List<? extends List<String>> gold, List<? extends List<String>> pred) {
    return EntityReport.of(gold, pred, Chunking.LENIENT).table();
  }

  /** The function behind a classification metric. */
  private interface LabelsFunction {
    double apply(List<String> gold, List<String> pred);
  }

  /** The function behind a tagging metric. */
  private interface TagsFunction {
    double apply(List<? extends List<String>> gold, List<? extends List<String>> pred);
  }

  private record Labels(String name, Scale scale, LabelsFunction function)
      implements ClassificationMetric {
    @Override
    public double compute(List<String> gold, List<String> pred) {
      return function.apply(gold, pred);
    }
  }

  private record Tags(String name, Scale scale, TagsFunction function) implements TaggingMetric {
    @Override
    public double compute(List<? extends List<String>> gold, List<? extends List<String>> pred) {
      return function.apply(gold, pred);
    }
  }

  private record Sets(String name, Scale scale, ToDoubleFunction<MultiLabelScores> function)
      implements MultiLabelMetric {
    @Override
    public double compute(List<? extends Set<String>> gold, List<? extends Set<String>> pred) {
      return function.applyAsDouble(MultiLabelScores.of(gold, pred));
    }
  }

  private static ClassificationMetric labels(String name, Scale scale, LabelsFunction function) {
    return new Labels(name, scale, function);
  }

  private static TaggingMetric tags(String name, Scale scale, TagsFunction function) {
    return new Tags(name, scale, function);
  }

  private static MultiLabelMetric sets(
      String name, Scale scale, ToDoubleFunction<MultiLabelScores> function) {
    return new Sets(name, scale, function);
  }
}
