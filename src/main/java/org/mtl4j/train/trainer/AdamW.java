package org.mtl4j.train.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * AdamW (Loshchilov and Hutter) as {@code torch.optim.AdamW} computes it per element: decoupled
 * weight decay {@code p *= 1 - lr·decay} on the parameters the predicate names (weights, not biases
 * or layer norms), the first moment by {@code lerp}, the second by {@code addcmul}, and {@code p +=
 * -lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + ε)}. Also clips the global gradient norm and clears the
 * gradients after the update.
 *
 * <p>The update is one pass over each parameter's memory: the parameter, its gradient and both
 * moments are read through direct buffers over libtorch's storage, and every element is clipped,
 * updated and its gradient zeroed in the same loop, split into fixed chunks run on the common
 * fork-join pool. Nothing is allocated per update and no value crosses to the JVM heap, so the
 * update costs a few memory passes instead of a dozen full-size temporaries per parameter. Every
 * element is computed by the same float arithmetic whatever thread runs it, and the norm sums fixed
 * chunks in a fixed order, so results do not depend on scheduling.
 *
 * <p>The moment arrays live on the parameters' manager and are updated in place; the optimizer does
 * not own them beyond that manager's life.
 */
final class AdamW {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;
  private static final int CHUNK = 1 << 16;

  private final List<Slot> slots = new ArrayList<>();
  private final List<Chunk> chunks = new ArrayList<>();
  private final double weightDecay;
  private float gradientScale = 1f;

  /** One parameter with its moments, their buffers, and its update settings. */
  private static final class Slot {
    final String name;
    final NDArray parameter;
    final NDArray first;
    final NDArray second;
    final FloatBuffer p;
    final FloatBuffer m;
    final FloatBuffer v;
    final boolean decays;
    final double rateScale;
    FloatBuffer g;

    Slot(String name, NDArray parameter, boolean decays, double rateScale) {
      this.name = name;
      this.parameter = parameter;
      this.first = parameter.zerosLike();
      this.second = parameter.zerosLike();
      this.p = floats(parameter);
      this.m = floats(first);
      this.v = floats(second);
      this.decays = decays;
      this.rateScale = rateScale;
    }
  }

  /** Elements {@code [from, to)} of one slot. */
  private record Chunk(Slot slot, int from, int to) {}

  /** One update's constants for a slot's chunk. */
  private record Step(float decay, float stepSize, float correction2Root) {}

  /**
   * @param parameters the parameters by name; each must require gradients and be contiguous float32
   *     on the CPU
   * @param decays which parameters weight decay applies to
   * @param weightDecay the decoupled decay rate
   * @param rateScale each parameter's learning rate as a multiple of the schedule's
   */
  AdamW(
      Map<String, NDArray> parameters,
      Predicate<String> decays,
      double weightDecay,
      ToDoubleFunction<String> rateScale) {
    this.weightDecay = weightDecay;
    parameters.forEach(
        (name, p) -> {
          Slot slot = new Slot(name, p, decays.test(name), rateScale.applyAsDouble(name));
          slots.add(slot);
          int size = Math.toIntExact(p.size());
          for (int from = 0; from < size; from += CHUNK) {
            chunks.add(new Chunk(slot, from, Math.min(size, from + CHUNK)));
          }
        });
  }

  /**
   * Computes the global L2 norm of the gradients and, when it exceeds {@code maxNorm}, has the next
   * {@link #step} scale them down to it first.
   *
   * @param maxNorm the largest norm; 0 leaves the gradients alone
   * @return the norm before clipping; not finite when a gradient holds NaN or infinity (then the
   *     caller should {@link #skip()} the update)
   */
  double clip(double maxNorm) {
    try (NDScope gradients = new NDScope()) {
      gradients.suppressNotUsedWarning();
      attachGradients();
      double[] partial = new double[chunks.size()];
      IntStream.range(0, chunks.size())
          .parallel()
          .forEach(c -> partial[c] = sumOfSquares(chunks.get(c)));
      double sum = 0;
      for (double s : partial) {
        sum += s;
      }
      double norm = Math.sqrt(sum);
      gradientScale =
          maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)
              ? (float) (maxNorm / (norm + 1e-6))
              : 1f;
      return norm;
    }
  }

  /**
   * Applies one update with the current gradients (scaled as the last {@link #clip} decided), then
   * zeroes them.
   *
   * @param learningRate this update's learning rate
   * @param update the 1-based update count (for bias correction)
   */
  void step(double learningRate, long update) {
    double correction1 = 1 - Math.pow(BETA1, update);
    float correction2Root = (float) Math.sqrt(1 - Math.pow(BETA2, update));
    Map<Slot, Step> steps = new LinkedHashMap<>();
    for (Slot slot : slots) {
      double lr = learningRate * slot.rateScale;
      float decay = slot.decays && weightDecay > 0 ? (float) (1 - lr * weightDecay) : 1f;
      steps.put(slot, new Step(decay, (float) (lr / correction1), correction2Root));
    }
    float scale = gradientScale;
    try (NDScope gradients = new NDScope()) {
      gradients.suppressNotUsedWarning();
      attachGradients();
      chunks.parallelStream().forEach(c -> update(c, steps.get(c.slot()), scale));
    }
    gradientScale = 1f;
  }

  /** Drops the current gradients without updating anything (after a non-finite gradient). */
  void skip() {
    try (NDScope gradients = new NDScope()) {
      gradients.suppressNotUsedWarning();
      attachGradients();
      chunks.parallelStream()
          .forEach(
              c -> {
                FloatBuffer g = c.slot().g;
                for (int i = c.from(); i < c.to(); i++) {
                  g.put(i, 0f);
                }
              });
    }
    gradientScale = 1f;
  }

  /**
   * Points every slot at its parameter's current gradient, whose handle the caller's scope closes.
   */
  private void attachGradients() {
    for (Slot slot : slots) {
      slot.g = floats(slot.parameter.getGradient());
    }
  }

  private static double sumOfSquares(Chunk c) {
    FloatBuffer g = c.slot().g;
    double sum = 0;
    for (int i = c.from(); i < c.to(); i++) {
      float x = g.get(i);
      sum += x * x;
    }
    return sum;
  }

  private static void update(Chunk c, Step s, float scale) {
    Slot slot = c.slot();
    FloatBuffer p = slot.p;
    FloatBuffer g = slot.g;
    FloatBuffer m = slot.m;
    FloatBuffer v = slot.v;
    float oneMinusBeta1 = 1 - BETA1;
    float oneMinusBeta2 = 1 - BETA2;
    for (int i = c.from(); i < c.to(); i++) {
      float grad = scale == 1f ? g.get(i) : g.get(i) * scale;
      float param = s.decay() == 1f ? p.get(i) : p.get(i) * s.decay();
      float mean = m.get(i);
      mean = mean + oneMinusBeta1 * (grad - mean);
      float variance = v.get(i) * BETA2 + oneMinusBeta2 * grad * grad;
      float denominator = (float) Math.sqrt(variance) / s.correction2Root() + EPSILON;
      m.put(i, mean);
      v.put(i, variance);
      p.put(i, param + -s.stepSize() * (mean / denominator));
      g.put(i, 0f);
    }
  }

  /** A float view of a contiguous CPU tensor's own storage (not a copy). */
  private static FloatBuffer floats(NDArray array) {
    return array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /**
   * @return the moments as tensors named {@code adam_m/<name>} and {@code adam_v/<name>}
   */
  Map<String, FloatTensor> state() {
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    slots.forEach(s -> out.put("adam_m/" + s.name, tensor(s.first)));
    slots.forEach(s -> out.put("adam_v/" + s.name, tensor(s.second)));
    return out;
  }

  /**
   * Restores moments saved by {@link #state()}.
   *
   * @param state the tensors
   * @param source where they came from, for messages
   */
  void restore(Map<String, FloatTensor> state, String source) {
    for (Slot slot : slots) {
      restore(slot.m, "adam_m/" + slot.name, state, source);
      restore(slot.v, "adam_v/" + slot.name, state, source);
    }
  }

  private static void restore(
      FloatBuffer moment, String name, Map<String, FloatTensor> state, String source) {
    FloatTensor t = state.get(name);
    if (t == null) {
      throw new IllegalArgumentException(source + " has no optimizer state " + name);
    }
    if (t.data().length != moment.capacity()) {
      throw new IllegalArgumentException(
          source
              + ": optimizer state "
              + name
              + " holds "
              + t.data().length
              + " values, the parameter "
              + moment.capacity());
    }
    moment.put(0, t.data());
  }

  private static FloatTensor tensor(NDArray a) {
    return new FloatTensor(a.getShape().getShape(), a.toFloatArray());
  }
}
