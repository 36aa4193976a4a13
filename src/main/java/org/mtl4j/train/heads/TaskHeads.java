package org.mtl4j.train.heads;

import org.mtl4j.zoo.EncoderSources;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtl4j.train.encoder.EncoderBlock;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The task heads' eval-mode forward pass on DJL: for each task a linear layer ({@code
 * heads.<task>.weight} {@code [classes, hidden]}, {@code heads.<task>.bias}) over the encoder's
 * sentence vector ({@link EncoderBlock#sentenceVector}) for sequence tasks, or over every
 * position for token tagging. Multi-label heads return logits too. The exporter's ONNX heads
 * compute the same; dropout (training only) is the trainer's.
 */
public final class TaskHeads {

  private final Map<String, NDArray[]> parameters = new LinkedHashMap<>();
  private final List<TaskSpec> tasks;

  /**
   * @param tasks the tasks, in output order
   * @param weights tensors holding {@code heads.<task>.weight} and {@code .bias} for every task
   * @param manager the manager that owns the arrays
   * @throws IllegalArgumentException naming the task when a parameter is missing or misshapen
   */
  public TaskHeads(List<TaskSpec> tasks, Map<String, FloatTensor> weights, NDManager manager) {
    this.tasks = List.copyOf(tasks);
    for (TaskSpec task : tasks) {
      String prefix = EncoderSources.HEADS_PREFIX + task.name() + ".";
      FloatTensor w = require(weights, prefix + "weight", task);
      FloatTensor b = require(weights, prefix + "bias", task);
      if (w.shape().length != 2 || w.shape()[0] != task.labels().size()
          || !Arrays.equals(b.shape(), new long[] {task.labels().size()})) {
        throw new IllegalArgumentException(
            "task '" + task.name() + "': head shapes " + Arrays.toString(w.shape()) + " / "
                + Arrays.toString(b.shape()) + " do not fit " + task.labels().size() + " labels");
      }
      parameters.put(task.name(), new NDArray[] {
        manager.create(w.data(), new ai.djl.ndarray.types.Shape(w.shape())),
        manager.create(b.data(), new ai.djl.ndarray.types.Shape(b.shape()))
      });
    }
  }

  /**
   * @param block the encoder that produced {@code encoderOutputs}
   * @param encoderOutputs the encoder's eval-mode outputs
   * @return {@code <task>.logits} to logits, in task order
   */
  public Map<String, NDArray> forward(EncoderBlock block, NDList encoderOutputs) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    NDArray sentence = null;
    for (TaskSpec task : tasks) {
      NDArray feature;
      if (task.type().tokenLevel()) {
        feature = encoderOutputs.get(0);
      } else {
        if (sentence == null) {
          sentence = block.sentenceVector(encoderOutputs);
        }
        feature = sentence;
      }
      NDArray[] p = parameters.get(task.name());
      out.put(task.outputName(), Linear.linear(feature, p[0], p[1]).singletonOrThrow());
    }
    return out;
  }

  private static FloatTensor require(Map<String, FloatTensor> weights, String name, TaskSpec task) {
    FloatTensor t = weights.get(name);
    if (t == null) {
      throw new IllegalArgumentException("task '" + task.name() + "': the weights have no " + name);
    }
    return t;
  }
}
