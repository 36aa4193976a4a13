package org.mtl4j.zoo.weights;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mtl4j.zoo.EncoderSources;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.ParameterSpec;
import org.mtl4j.zoo.pkg.TaskSpec;

/**
 * Seeded random encoder weights under the spec's names. Every tensor is drawn from a normal
 * distribution with the config's {@code initializer_range} as standard deviation; layer-norm scales
 * are centred on 1. Biases and layer-norm shifts are random too (not zero, as transformers
 * initialises them), so that tests comparing two implementations notice a bias wired to the wrong
 * place. Each tensor depends only on the seed and its name, not on the order of the parameter list.
 */
public final class RandomWeights {

  private RandomWeights() {}

  /**
   * @param config the encoder
   * @param withPooler include the pooler where the family has one
   * @param seed the seed
   * @return weights in the spec's order
   */
  public static Map<String, FloatTensor> of(EncoderConfig config, boolean withPooler, long seed) {
    Map<String, FloatTensor> weights = new LinkedHashMap<>();
    for (ParameterSpec spec : config.parameters(withPooler)) {
      weights.put(spec.name(), tensor(spec, config.initializerRange(), seed));
    }
    return weights;
  }

  /**
   * Seeded random linear heads, one per task, under the names the exporter reads: {@code
   * heads.<task>.weight} {@code [classes, hidden]} (standard deviation 0.2) and {@code
   * heads.<task>.bias} {@code [classes]} (standard deviation 0.5), so that logits spread well
   * beyond rounding noise.
   *
   * @param tasks the tasks
   * @param hidden the encoder's width
   * @param seed the seed
   * @return the heads' weights, tasks in the given order
   */
  public static Map<String, FloatTensor> heads(List<TaskSpec> tasks, int hidden, long seed) {
    Map<String, FloatTensor> weights = new LinkedHashMap<>();
    for (TaskSpec task : tasks) {
      int classes = task.labels().size();
      String prefix = EncoderSources.HEADS_PREFIX + task.name() + ".";
      weights.put(
          prefix + "weight", gaussian(prefix + "weight", new long[] {classes, hidden}, 0.2, seed));
      weights.put(prefix + "bias", gaussian(prefix + "bias", new long[] {classes}, 0.5, seed));
    }
    return weights;
  }

  private static FloatTensor gaussian(String name, long[] shape, double std, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ nameHash(name));
    float[] data =
        new float[Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (std * gaussian(random));
    }
    return new FloatTensor(shape, data);
  }

  private static FloatTensor tensor(ParameterSpec spec, double std, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ nameHash(spec.name()));
    float[] data = new float[Math.toIntExact(spec.size())];
    double centre =
        switch (spec.kind()) {
          case NORM_WEIGHT -> 1.0;
          default -> 0.0;
        };
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (centre + std * gaussian(random));
    }
    return new FloatTensor(spec.shape(), data);
  }

  /** A standard normal sample by the Box-Muller transform (SplittableRandom has none in 17). */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A 64-bit FNV-1a hash: similar names still seed well-separated streams. */
  private static long nameHash(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
