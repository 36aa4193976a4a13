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

/**
 * The Open Inference Protocol outputs of a model's tasks, named {@code <task>.<kind>}, one row per
 * input: classification tasks give {@code label} (BYTES), {@code score} (FP32) and {@code
 * probabilities} (FP32 {@code [n, classes]}, the manifest's label order); multi-label tasks give
 * {@code labels} (BYTES, a JSON array of {@code {label, score}} per row); tagging tasks give {@code
 * entities} and {@code tags} (BYTES, a JSON array per row with character offsets).
 */
public final class TaskOutputs {

  private TaskOutputs() {}

  /**
   * @param manifest a model's manifest
   * @return every output of every task, in the manifest's task order
   */
  public static List<TensorSpec> specs(Manifest manifest) {
    List<TensorSpec> out = new ArrayList<>();
    for (TaskSpec task : manifest.tasks()) {
      for (String kind : kinds(task)) {
        out.add(spec(task, kind));
      }
    }
    return out;
  }

  private static List<String> kinds(TaskSpec task) {
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
      if (output.endsWith(".logits")
          && manifest.task(output.substring(0, output.length() - 7)).isPresent()) {
        throw ServeException.badRequest(
            "output '"
                + output
                + "' is not served: predictions carry decoded"
                + " results only; this model has "
                + known.keySet());
      }
      if (!known.containsKey(output)) {
        throw ServeException.badRequest(
            "unknown output '" + output + "'; this model has " + known.keySet());
      }
      tasks.add(output.substring(0, output.lastIndexOf('.')));
    }
    return List.copyOf(tasks);
  }

  /**
   * Builds the output tensors of a batch of predictions.
   *
   * @param manifest the model's manifest
   * @param predictions one per input, each holding the same tasks
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
          kinds(task).forEach(kind -> names.add(task.name() + "." + kind));
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
      default:
        throw new IllegalArgumentException("no output kind '" + kind + "'");
    }
  }

  private static String json(Object value) {
    return new String(Json.write(value), StandardCharsets.UTF_8);
  }
}
