package org.mtl4j.train.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * AdamW (Loshchilov and Hutter) as {@code torch.optim.AdamW} computes it: bias-corrected moments
 * and weight decay decoupled from the gradient ({@code p -= lr·decay·p}), applied only to the
 * parameters the predicate names (weights, not biases or layer norms). Also clips the global
 * gradient norm and clears gradients after the update.
 *
 * <p>The moment arrays live on the parameters' manager and are updated in place; the optimizer
 * does not own them beyond that manager's life.
 */
final class AdamW {

  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final Map<String, NDArray> parameters;
  private final Predicate<String> decays;
  private final double weightDecay;
  private final ToDoubleFunction<String> rateScale;
  private final Map<String, NDArray> first = new LinkedHashMap<>();
  private final Map<String, NDArray> second = new LinkedHashMap<>();

  /**
   * @param parameters the parameters by name; each must require gradients
   * @param decays which parameters weight decay applies to
   * @param weightDecay the decoupled decay rate
   * @param rateScale each parameter's learning rate as a multiple of the schedule's
   */
  AdamW(Map<String, NDArray> parameters, Predicate<String> decays, double weightDecay,
      ToDoubleFunction<String> rateScale) {
    this.parameters = parameters;
    this.decays = decays;
    this.weightDecay = weightDecay;
    this.rateScale = rateScale;
    parameters.forEach((name, p) -> {
      first.put(name, p.zerosLike());
      second.put(name, p.zerosLike());
    });
  }

  /**
   * Scales the gradients down so their global L2 norm is at most {@code maxNorm}.
   *
   * @param maxNorm the largest norm; 0 leaves the gradients alone
   * @return the norm before clipping; not finite when a gradient holds NaN or infinity (then the
   *     caller should {@link #skip()} the update)
   */
  double clip(double maxNorm) {
    try (NDScope temporaries = new NDScope()) {
      temporaries.suppressNotUsedWarning();
      double sum = 0;
      for (NDArray p : parameters.values()) {
        sum += p.getGradient().square().sum().getFloat();
      }
      double norm = Math.sqrt(sum);
      if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
        float scale = (float) (maxNorm / (norm + 1e-6));
        for (NDArray p : parameters.values()) {
          p.getGradient().muli(scale);
        }
      }
      return norm;
    }
  }

  /**
   * Applies one update with the current gradients, then zeroes them.
   *
   * @param learningRate this update's learning rate
   * @param update the 1-based update count (for bias correction)
   */
  void step(double learningRate, long update) {
    float correction1 = (float) (1 - Math.pow(BETA1, update));
    float correction2 = (float) (1 - Math.pow(BETA2, update));
    float lr = (float) learningRate;
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      try (NDScope temporaries = new NDScope()) {
        temporaries.suppressNotUsedWarning();
        float scaled = (float) (lr * rateScale.applyAsDouble(e.getKey()));
        update(e.getKey(), e.getValue(), scaled, correction1, correction2);
      }
    }
  }

  private void update(String name, NDArray p, float lr, float correction1, float correction2) {
    NDArray g = p.getGradient();
    NDArray m = first.get(name).muli(BETA1).addi(g.mul(1 - BETA1));
    NDArray v = second.get(name).muli(BETA2).addi(g.square().muli(1 - BETA2));
    if (weightDecay > 0 && decays.test(name)) {
      p.muli(1 - lr * (float) weightDecay);
    }
    NDArray denominator = v.div(correction2).sqrt().addi(EPSILON);
    p.subi(m.div(correction1).divi(denominator).muli(lr));
    zero(g);
  }

  /** Drops the current gradients without updating anything (after a non-finite gradient). */
  void skip() {
    for (NDArray p : parameters.values()) {
      try (NDScope temporaries = new NDScope()) {
        temporaries.suppressNotUsedWarning();
        zero(p.getGradient());
      }
    }
  }

  /** Sets a gradient to exactly zero, NaN and infinity included (subtracting it from itself would not). */
  private static void zero(NDArray gradient) {
    gradient.set(new NDIndex("..."), 0f);
  }

  /**
   * @return the moments as tensors named {@code adam_m/<name>} and {@code adam_v/<name>}
   */
  Map<String, FloatTensor> state() {
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    first.forEach((name, m) -> out.put("adam_m/" + name, tensor(m)));
    second.forEach((name, v) -> out.put("adam_v/" + name, tensor(v)));
    return out;
  }

  /**
   * Restores moments saved by {@link #state()}.
   *
   * @param state the tensors
   * @param source where they came from, for messages
   */
  void restore(Map<String, FloatTensor> state, String source) {
    restore(first, "adam_m/", state, source);
    restore(second, "adam_v/", state, source);
  }

  private static void restore(
      Map<String, NDArray> moments, String prefix, Map<String, FloatTensor> state, String source) {
    for (Map.Entry<String, NDArray> e : moments.entrySet()) {
      FloatTensor t = state.get(prefix + e.getKey());
      if (t == null) {
        throw new IllegalArgumentException(source + " has no optimizer state " + prefix + e.getKey());
      }
      NDArray array = e.getValue();
      try (NDArray saved = array.getManager().create(t.data(), array.getShape())) {
        array.subi(array).addi(saved);
      }
    }
  }

  private static FloatTensor tensor(NDArray a) {
    return new FloatTensor(a.getShape().getShape(), a.toFloatArray());
  }
}
