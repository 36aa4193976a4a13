package org.mtl4j.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtl4j.runtime.ClassificationResult;
import org.mtl4j.runtime.MultiLabelResult;
import org.mtl4j.runtime.Prediction;
import org.mtl4j.runtime.TaggingResult;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * The Open Inference Protocol outputs of a model's tasks, named {@code <task>.<kind>}, one row per
 * input: classification tasks give {@code label} (BYTES), {@code score} (FP32) and {@code
 * probabilities} (FP32 {@code [n, classes]}, the manifest's label order); multi-label tasks give
 * {@code labels} (BYTES, a JSON array of {@code {label, score}} per row); tagging tasks give {@code
 * entities} and {@code tags} (BYTES, a JSON array per row with character offsets).
 *
 * <p>Every task also has {@code logits} (FP32), returned only when asked for by name: the raw
 * logits the graph produced, {@code [n, classes]} for classification and multi-label tasks (the
 * manifest's label order; softmax, resp. sigmoid, of them gives the probabilities), and {@code [n,
 * words, tags]} for tagging tasks, where row {@code i} holds, for each word of its {@code tags} in
 * that order, the logits of the word's first sub-token, then zeros up to the request's longest row.
 */
public final class TaskOutputs {

  private TaskOutputs() {}

  /** The output kind of the raw logits, returned only when asked for by name. */
  public static final String LOGITS = "logits";

  /**
   * @param manifest a model's manifest
   * @return every output of every task, its logits last, in the manifest's task order
   */
  public static List<TensorSpec> specs(Manifest manifest) {
    List<TensorSpec> out = new ArrayList<>();
    for (TaskSpec task : manifest.tasks()) {
      for (String kind : defaultKinds(task)) {
        out.add(spec(task, kind));
      }
      out.add(spec(task, LOGITS));
    }
    return out;
  }

  /** The kinds returned when no output is asked for: all but the logits. */
  private static List<String> defaultKinds(TaskSpec task) {
    return switch (task.type()) {
      case SINGLE_SENTENCE_CLASSIFICATION, SENTENCE_PAIR_CLASSIFICATION ->
          List.of("label", "score", "probabilities");
      case MULTI_LABEL_CLASSIFICATION -> List.of("labels");
      case NER -> List.of("entities", "tags");
    };
  }

  private static TensorSpec spec(TaskSpec task, String kind) {
    String name = task.name() + "." + kind;
    return switch (kind) {
      case "score" -> new TensorSpec(name, OutputTensor.FP32, List.of(-1L));
      case "probabilities" ->
          new TensorSpec(name, OutputTensor.FP32, List.of(-1L, (long) task.labels().size()));
      case LOGITS ->
          task.type().tokenLevel()
              ? new TensorSpec(
                  name,
                  OutputTensor.FP32,
                  List.of(-1L, -1L, (long) task.labels().size()),
                  "raw logits [n, words, tags] in the label order: per row, the logits of the first"
                      + " sub-token of each word of "
                      + task.name()
                      + ".tags in that order, then zeros up to the request's longest row;"
                      + " returned only when asked for")
              : new TensorSpec(
                  name,
                  OutputTensor.FP32,
                  List.of(-1L, (long) task.labels().size()),
                  "raw logits [n, labels] in the label order ("
                      + (task.type() == TaskType.MULTI_LABEL_CLASSIFICATION ? "sigmoid" : "softmax")
                      + " gives the scores); returned only when asked for");
      default -> new TensorSpec(name, InferRequest.BYTES, List.of(-1L));
    };
  }

  /**
   * The tasks that requested outputs belong to.
   *
   * @param manifest the model's manifest
   * @param outputs output names asked for
   * @return task names, in the order first asked for; empty when no output is asked for
   * @throws ServeException 400 naming an output the model does not have
   */
  public static List<String> tasks(Manifest manifest, List<String> outputs) {
    Map<String, TensorSpec> known = new LinkedHashMap<>();
    specs(manifest).forEach(s -> known.put(s.name(), s));
    Set<String> tasks = new LinkedHashSet<>();
    for (String output : outputs) {
      if (!known.containsKey(output)) {
        throw ServeException.badRequest(
            "unknown output '" + output + "'; this model has " + known.keySet());
      }
      tasks.add(output.substring(0, output.lastIndexOf('.')));
    }
    return List.copyOf(tasks);
  }

  /**
   * @param outputs output names asked for, checked by {@link #tasks}
   * @return whether any is a task's logits, so that predictions must keep them
   */
  public static boolean needLogits(List<String> outputs) {
    return outputs.stream().anyMatch(o -> o.endsWith("." + LOGITS));
  }

  /**
   * Builds the output tensors of a batch of predictions.
   *
   * @param manifest the model's manifest
   * @param predictions one per input, each holding the same tasks (and their logits when asked for)
   * @param outputs output names asked for, or empty for every output of the predicted tasks
   * @return the tensors, in the order asked for (or the manifest's task order)
   */
  public static List<OutputTensor> of(
      Manifest manifest, List<Prediction> predictions, List<String> outputs) {
    List<String> names = new ArrayList<>(outputs);
    if (names.isEmpty()) {
      Set<String> predicted = predictions.get(0).results().keySet();
      for (TaskSpec task : manifest.tasks()) {
        if (predicted.contains(task.name())) {
          defaultKinds(task).forEach(kind -> names.add(task.name() + "." + kind));
        }
      }
    }
    List<OutputTensor> out = new ArrayList<>(names.size());
    for (String name : names) {
      int dot = name.lastIndexOf('.');
      TaskSpec task = manifest.task(name.substring(0, dot)).orElseThrow();
      out.add(tensor(task, name.substring(dot + 1), name, predictions));
    }
    return out;
  }

  private static OutputTensor tensor(
      TaskSpec task, String kind, String name, List<Prediction> predictions) {
    int n = predictions.size();
    switch (kind) {
      case "label":
        return OutputTensor.bytes(
            name,
            predictions.stream()
                .map(p -> p.get(task.name(), ClassificationResult.class).label())
                .toList());
      case "score":
        {
          float[] scores = new float[n];
          for (int i = 0; i < n; i++) {
            scores[i] =
                (float) predictions.get(i).get(task.name(), ClassificationResult.class).score();
          }
          return OutputTensor.fp32(name, List.of((long) n), scores);
        }
      case "probabilities":
        {
          int classes = task.labels().size();
          float[] values = new float[n * classes];
          for (int i = 0; i < n; i++) {
            Map<String, Double> p =
                predictions.get(i).get(task.name(), ClassificationResult.class).probabilities();
            for (int c = 0; c < classes; c++) {
              values[i * classes + c] = p.get(task.labels().get(c)).floatValue();
            }
          }
          return OutputTensor.fp32(name, List.of((long) n, (long) classes), values);
        }
      case "labels":
        return OutputTensor.bytes(
            name,
            predictions.stream()
                .map(p -> json(p.get(task.name(), MultiLabelResult.class).labels()))
                .toList());
      case "entities":
        return OutputTensor.bytes(
            name,
            predictions.stream()
                .map(p -> json(p.get(task.name(), TaggingResult.class).entities()))
                .toList());
      case "tags":
        return OutputTensor.bytes(
            name,
            predictions.stream()
                .map(p -> json(p.get(task.name(), TaggingResult.class).tags()))
                .toList());
      case LOGITS:
        return task.type().tokenLevel()
            ? wordLogits(task, name, predictions)
            : sequenceLogits(task, name, predictions);
      default:
        throw new IllegalArgumentException("no output kind '" + kind + "'");
    }
  }

  private static OutputTensor sequenceLogits(
      TaskSpec task, String name, List<Prediction> predictions) {
    int n = predictions.size();
    int classes = task.labels().size();
    float[] values = new float[n * classes];
    for (int i = 0; i < n; i++) {
      System.arraycopy(predictions.get(i).logits(task.name()), 0, values, i * classes, classes);
    }
    return OutputTensor.fp32(name, List.of((long) n, (long) classes), values);
  }

  /** {@code [n, words, tags]}: each row's word logits, then zeros up to the longest row. */
  private static OutputTensor wordLogits(TaskSpec task, String name, List<Prediction> predictions) {
    int n = predictions.size();
    int tags = task.labels().size();
    int words = 0;
    for (Prediction p : predictions) {
      words = Math.max(words, p.logits(task.name()).length / tags);
    }
    float[] values = new float[n * words * tags];
    for (int i = 0; i < n; i++) {
      float[] row = predictions.get(i).logits(task.name());
      System.arraycopy(row, 0, values, i * words * tags, row.length);
    }
    return OutputTensor.fp32(name, List.of((long) n, (long) words, (long) tags), values);
  }

  private static String json(Object value) {
    return new String(Json.write(value), StandardCharsets.UTF_8);
  }
}
