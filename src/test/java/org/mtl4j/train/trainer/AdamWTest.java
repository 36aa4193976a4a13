package org.mtl4j.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtl4j.zoo.weights.FloatTensor;

/**
 * The fused AdamW against the textbook formulas evaluated with libtorch's own tensor arithmetic
 * ({@code torch.optim.AdamW}'s steps written out as DJL operations), over several updates with
 * clipping, decay on one parameter only and a per-parameter rate; and its gradient handling.
 */
class AdamWTest {

  private static final double LR = 1e-2;
  private static final double DECAY = 0.1;
  private static final double MAX_NORM = 0.5;

  @Test
  void matchesTheFormulasWrittenAsTensorOperations() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Random random = new Random(3);
      Map<String, NDArray> fused = parameters(manager, random);
      Map<String, NDArray> expected = new LinkedHashMap<>();
      fused.forEach((name, p) -> expected.put(name, p.duplicate()));
      AdamW optimizer =
          new AdamW(fused, name -> name.equals("w"), DECAY, name -> name.equals("b") ? 3 : 1);
      Map<String, NDArray[]> moments = new LinkedHashMap<>();
      expected.forEach(
          (name, p) -> moments.put(name, new NDArray[] {p.zerosLike(), p.zerosLike()}));

      for (int update = 1; update <= 4; update++) {
        Map<String, float[]> grads = new LinkedHashMap<>();
        double size = update == 2 ? 5 : 0.05;
        fused.forEach((name, p) -> grads.put(name, randoms(random, (int) p.size(), size)));
        setGradients(fused, grads);
        double norm = optimizer.clip(MAX_NORM);
        optimizer.step(LR, update);

        double sum =
            grads.values().stream()
                .mapToDouble(
                    g -> {
                      double s = 0;
                      for (float x : g) {
                        s += x * x;
                      }
                      return s;
                    })
                .sum();
        assertThat(norm).isCloseTo(Math.sqrt(sum), within(1e-9 * Math.sqrt(sum)));
        double scale = norm > MAX_NORM ? MAX_NORM / (norm + 1e-6) : 1;
        for (String name : expected.keySet()) {
          NDArray p = expected.get(name);
          NDArray g = manager.create(grads.get(name), p.getShape()).mul((float) scale);
          double lr = LR * (name.equals("b") ? 3 : 1);
          NDArray m = moments.get(name)[0].muli(0.9f).addi(g.mul(0.1f));
          NDArray v = moments.get(name)[1].muli(0.999f).addi(g.square().muli(0.001f));
          if (name.equals("w")) {
            p.muli((float) (1 - lr * DECAY));
          }
          NDArray mHat = m.div((float) (1 - Math.pow(0.9, update)));
          NDArray vHat = v.div((float) (1 - Math.pow(0.999, update)));
          p.subi(mHat.div(vHat.sqrt().add(1e-8f)).mul((float) lr));
          assertClose(
              fused.get(name).toFloatArray(), p.toFloatArray(), name + " after update " + update);
          assertThat(fused.get(name).getGradient().toFloatArray())
              .as("gradient cleared")
              .containsOnly(0f);
        }
      }
      Map<String, float[]> state = new LinkedHashMap<>();
      optimizer.state().forEach((name, t) -> state.put(name, t.data()));
      assertClose(state.get("adam_m/w"), moments.get("w")[0].toFloatArray(), "first moment");
      assertClose(state.get("adam_v/b"), moments.get("b")[1].toFloatArray(), "second moment");
    }
  }

  @Test
  void nonFiniteGradientsReportAnInfiniteNormAndSkipClearsThemExactly() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Random random = new Random(4);
      Map<String, NDArray> params = parameters(manager, random);
      float[] before = params.get("w").toFloatArray();
      AdamW optimizer = new AdamW(params, name -> true, DECAY, name -> 1);
      Map<String, float[]> grads = new LinkedHashMap<>();
      params.forEach((name, p) -> grads.put(name, randoms(random, (int) p.size(), 1)));
      grads.get("w")[3] = Float.NaN;
      grads.get("b")[0] = Float.POSITIVE_INFINITY;
      setGradients(params, grads);

      assertThat(Double.isFinite(optimizer.clip(1))).isFalse();
      optimizer.skip();

      assertThat(params.get("w").toFloatArray()).containsExactly(before);
      params.values().forEach(p -> assertThat(p.getGradient().toFloatArray()).containsOnly(0f));
    }
  }

  @Test
  void restoreRefusesMissingOrMisshapedMoments() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Map<String, NDArray> params = parameters(manager, new Random(5));
      AdamW optimizer = new AdamW(params, name -> true, DECAY, name -> 1);
      var state = new LinkedHashMap<>(optimizer.state());
      state.remove("adam_v/b");
      assertThatThrownBy(() -> optimizer.restore(state, "ckpt"))
          .hasMessageContaining("ckpt has no optimizer state adam_v/b");
      state.put("adam_v/b", new FloatTensor(new long[] {2}, new float[2]));
      assertThatThrownBy(() -> optimizer.restore(state, "ckpt"))
          .hasMessageContaining("adam_v/b holds 2 values");
    }
  }

  private static Map<String, NDArray> parameters(NDManager manager, Random random) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    // larger than one chunk, so the split into chunks is exercised
    out.put("w", manager.create(randoms(random, 300 * 250, 1), new Shape(300, 250)));
    out.put("b", manager.create(randoms(random, 7, 1), new Shape(7)));
    out.values().forEach(p -> p.setRequiresGradient(true));
    return out;
  }

  /** Makes each parameter's gradient the given values, by backward through sum(p · g). */
  private static void setGradients(Map<String, NDArray> params, Map<String, float[]> grads) {
    NDManager manager = params.values().iterator().next().getManager();
    try (NDManager scope = manager.newSubManager();
        GradientCollector collector = manager.getEngine().newGradientCollector()) {
      NDArray total = null;
      for (Map.Entry<String, NDArray> e : params.entrySet()) {
        NDArray g = scope.create(grads.get(e.getKey()), e.getValue().getShape());
        NDArray term = e.getValue().mul(g).sum();
        total = total == null ? term : total.add(term);
      }
      collector.backward(total);
    }
  }

  private static float[] randoms(Random random, int n, double scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (random.nextGaussian() * scale);
    }
    return out;
  }

  private static void assertClose(float[] actual, float[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as(what + " [" + i + "]")
          .isCloseTo(expected[i], within(1e-6f + 1e-5f * Math.abs(expected[i])));
    }
  }
}
