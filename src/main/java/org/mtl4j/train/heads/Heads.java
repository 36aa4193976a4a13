package org.mtl4j.train.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.mtl4j.zoo.ModelFormatException;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.weights.FloatTensor;

/** Creates task heads, freshly initialised or from stored weights. */
public final class Heads {

  /** Standard deviation of a fresh head's weights, BERT's initializer range. */
  public static final double INIT_STD = 0.02;

  private Heads() {}

  /**
   * Fresh head weights: weight from N(0, 0.02²) with a seeded generator, bias zero. Only the heads
   * are initialised; the encoder keeps the weights it was given.
   *
   * @param spec the task
   * @param hidden the encoder's width
   * @param seed the seed (the task's name is mixed in, so heads differ)
   * @return the tensors by package name
   */
  public static Map<String, FloatTensor> initialWeights(TaskSpec spec, int hidden, long seed) {
    int labels = spec.labels().size();
    SplittableRandom random = new SplittableRandom(seed * 31 + spec.name().hashCode());
    float[] weight = new float[labels * hidden];
    for (int i = 0; i < weight.length; i++) {
      weight[i] = (float) (gaussian(random) * INIT_STD);
    }
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    out.put(TaskHead.weightName(spec.name()), new FloatTensor(new long[] {labels, hidden}, weight));
    out.put(TaskHead.biasName(spec.name()), FloatTensor.zeros(labels));
    return out;
  }

  /**
   * A head holding the given weights.
   *
   * @param spec the task
   * @param hidden the encoder's width
   * @param weights tensors by package name; must hold this head's weight and bias
   * @param manager the manager that owns the new arrays
   * @param source where the weights came from, for messages
   * @return the head; a token head for NER, a sentence head otherwise
   * @throws ModelFormatException when a tensor is missing or mis-shaped
   */
  public static TaskHead create(
      TaskSpec spec,
      int hidden,
      Map<String, FloatTensor> weights,
      NDManager manager,
      String source) {
    long labels = spec.labels().size();
    NDArray weight =
        array(
            weights,
            TaskHead.weightName(spec.name()),
            new long[] {labels, hidden},
            manager,
            source);
    NDArray bias =
        array(weights, TaskHead.biasName(spec.name()), new long[] {labels}, manager, source);
    return spec.type().tokenLevel()
        ? new TokenHead(spec, weight, bias)
        : new SentenceHead(spec, weight, bias);
  }

  private static NDArray array(
      Map<String, FloatTensor> weights,
      String name,
      long[] shape,
      NDManager manager,
      String source) {
    FloatTensor tensor = weights.get(name);
    if (tensor == null) {
      throw new ModelFormatException(source + " has no tensor " + name);
    }
    if (!java.util.Arrays.equals(tensor.shape(), shape)) {
      throw new ModelFormatException(
          source
              + ": "
              + name
              + " has shape "
              + java.util.Arrays.toString(tensor.shape())
              + ", expected "
              + java.util.Arrays.toString(shape));
    }
    return manager.create(tensor.data(), new Shape(shape));
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
