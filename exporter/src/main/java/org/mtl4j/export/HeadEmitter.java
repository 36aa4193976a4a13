package org.mtl4j.export;

import java.util.Arrays;
import java.util.Map;
import org.mtl4j.zoo.EncoderSources;
import org.mtl4j.zoo.encoder.EncoderFamily;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * Emits a task head: a linear layer ({@code heads.<task>.weight} {@code [classes, hidden]}, {@code
 * heads.<task>.bias} {@code [classes]}) over the family's sentence vector for sequence tasks
 * (classification, pair classification, multi-label: the pooler's output where the encoder has one,
 * otherwise the first token, the last for XLNet) or over every position for token tagging. The
 * output is named {@link TaskSpec#outputName()} and holds logits (multi-label too: the sigmoid is
 * the consumer's).
 */
final class HeadEmitter {

  private HeadEmitter() {}

  /**
   * @param task the task
   * @return the names of the task's two parameters
   */
  static String[] parameterNames(TaskSpec task) {
    String prefix = EncoderSources.HEADS_PREFIX + task.name() + ".";
    return new String[] {prefix + "weight", prefix + "bias"};
  }

  /**
   * The sentence vector a sequence head reads.
   *
   * @param ops the graph
   * @param encoder the encoder's outputs
   * @param family the family, whose convention picks the token when there is no pooler
   * @return {@code [batch, hidden]}
   */
  static String sentenceVector(GraphOps ops, EncoderGraph encoder, EncoderFamily family) {
    if (encoder.pooled() != null) {
      return encoder.pooled();
    }
    return ops.token(encoder.lastHidden(), family.padLeft() ? -1 : 0);
  }

  /**
   * Emits the head and names its output.
   *
   * @param ops the graph
   * @param task the task
   * @param hidden the encoder's width
   * @param tokens {@code last_hidden_state}
   * @param sentence the sentence vector
   * @param weights every parameter, for the shape checks
   * @return the output's name
   * @throws IllegalArgumentException naming the task when its weights are missing or misshapen
   */
  static String emit(
      GraphOps ops,
      TaskSpec task,
      int hidden,
      String tokens,
      String sentence,
      Map<String, FloatTensor> weights) {
    String[] names = parameterNames(task);
    long classes = task.labels().size();
    requireShape(weights, names[0], new long[] {classes, hidden}, task);
    requireShape(weights, names[1], new long[] {classes}, task);
    String feature = task.type().tokenLevel() ? tokens : sentence;
    String product = ops.matMul(feature, ops.transpose(ops.param(names[0]), 1, 0));
    return ops.builder().op("Add").in(product, ops.param(names[1])).outs(task.outputName()).get(0);
  }

  private static void requireShape(
      Map<String, FloatTensor> weights, String name, long[] shape, TaskSpec task) {
    FloatTensor t = weights.get(name);
    if (t == null) {
      throw new IllegalArgumentException("task '" + task.name() + "': the weights have no " + name);
    }
    if (!Arrays.equals(t.shape(), shape)) {
      throw new IllegalArgumentException(
          "task '"
              + task.name()
              + "': "
              + name
              + " has shape "
              + Arrays.toString(t.shape())
              + ", expected "
              + Arrays.toString(shape)
              + " ("
              + task.labels().size()
              + " labels)");
    }
  }
}
