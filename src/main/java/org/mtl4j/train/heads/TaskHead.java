package org.mtl4j.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * A task's head: dropout, then one linear layer from the encoder's width to the task's labels. Its
 * two parameters are named {@code heads.<task>.weight} ({@code [labels, hidden]}) and {@code
 * heads.<task>.bias} ({@code [labels]}) in checkpoints and packages.
 *
 * <p>The arrays belong to the model's manager; the head does not own them.
 */
public abstract sealed class TaskHead permits SentenceHead, TokenHead {

  /** The prefix of every head parameter's name. */
  public static final String PREFIX = "heads.";

  private final TaskSpec spec;
  private final NDArray weight;
  private final NDArray bias;

  /**
   * @param spec the task
   * @param weight {@code [labels, hidden]}
   * @param bias {@code [labels]}
   */
  TaskHead(TaskSpec spec, NDArray weight, NDArray bias) {
    this.spec = spec;
    this.weight = weight;
    this.bias = bias;
  }

  /**
   * @return the task this head serves
   */
  public TaskSpec spec() {
    return spec;
  }

  /**
   * @return the parameter arrays by package name, weight first
   */
  public Map<String, NDArray> parameters() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put(weightName(spec.name()), weight);
    out.put(biasName(spec.name()), bias);
    return out;
  }

  /**
   * The head's logits.
   *
   * @param encoded the encoder's outputs for the batch
   * @param training whether dropout is active
   * @return {@code [batch, labels]} or, for a token head, {@code [batch, sequence, labels]}
   */
  public abstract NDArray logits(EncodedBatch encoded, boolean training);

  /** Dropout (while training) then the linear layer over the last axis. */
  NDArray project(NDArray features, boolean training) {
    NDArray x =
        training && spec.dropout() > 0 ? dropout(features, (float) spec.dropout()) : features;
    return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
  }

  /**
   * Inverted dropout of the head's input while training: every element on its own.
   *
   * @param features the head's input
   * @param rate the task's {@code dropout_prob}, above 0
   * @return the features with dropped elements zeroed and the rest scaled by {@code 1/(1-rate)}
   */
  NDArray dropout(NDArray features, float rate) {
    return Dropout.dropout(features, rate, true).singletonOrThrow();
  }

  /**
   * @param task a task name
   * @return the name of its head's weight
   */
  public static String weightName(String task) {
    return PREFIX + task + ".weight";
  }

  /**
   * @param task a task name
   * @return the name of its head's bias
   */
  public static String biasName(String task) {
    return PREFIX + task + ".bias";
  }
}
