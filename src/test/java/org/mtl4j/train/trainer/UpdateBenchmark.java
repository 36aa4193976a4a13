package org.mtl4j.train.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.mtl4j.train.encoder.Scalars;
import org.mtl4j.train.heads.TaskHead;
import org.mtl4j.train.loss.TaskLoss;
import org.mtl4j.train.model.EncoderResolver;
import org.mtl4j.train.model.EncoderSetup;
import org.mtl4j.train.model.MultiTaskModel;
import org.mtl4j.train.tasks.LossType;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;

/**
 * The wall time of one training update against the time of its own matrix products, on
 * all-MiniLM-L6-v2 with an intent head (7 classes) and a tagging head (72 tags), for each {@code
 * BATCHxLENGTH} given. An update is what the trainer does per batch: training-mode forward through
 * the encoder and both heads, both losses, backward, {@link AdamW#clip} and {@link AdamW#step}. The
 * floor is the same shapes' matrix products alone through DJL (every encoder layer's linear maps
 * and attention products, forward and both backward products; the heads' and pooler's are under 0.5
 * % and left out). Both are timed alternately in one process, and the medians and their ratio
 * printed, with the update's pieces.
 *
 * <p>Not a unit test. Command (after {@code mvn -q -B -pl src -am package -DskipTests} and {@code
 * mvn -q -B -pl src test-compile}):
 *
 * <pre>
 * java -Xmx4g -Dai.djl.offline=true -cp src/target/test-classes:src/target/classes:$(cat src/target/mtl.classpath) \
 *   org.mtl4j.train.trainer.UpdateBenchmark 8x24 32x24 64x24
 * </pre>
 */
public final class UpdateBenchmark {

  private static final int ROUNDS = 10;
  private static final int WARM_UP = 3;

  private UpdateBenchmark() {}

  /**
   * @param args shapes such as {@code 32x24}; optionally {@code --rounds N} first
   */
  public static void main(String[] args) {
    int rounds = ROUNDS;
    List<String> shapes = new ArrayList<>(Arrays.asList(args));
    if (!shapes.isEmpty() && shapes.get(0).equals("--rounds")) {
      rounds = Integer.parseInt(shapes.get(1));
      shapes = shapes.subList(2, shapes.size());
    }
    EncoderSetup setup = EncoderResolver.resolve("all-minilm-l6-v2", 1, List::of);
    EncoderConfig config = setup.config();
    List<TaskSpec> tasks =
        List.of(
            new TaskSpec(
                "intent",
                TaskType.SINGLE_SENTENCE_CLASSIFICATION,
                labels(7),
                LossType.CROSS_ENTROPY.fileName(),
                1,
                List.of(),
                0.1),
            new TaskSpec(
                "ner", TaskType.NER, labels(72), LossType.NER.fileName(), 1, List.of(), 0.1));
    System.out.printf(
        Locale.ROOT,
        "encoder %s, threads %d, rounds %d%n",
        setup.source(),
        Runtime.getRuntime().availableProcessors(),
        rounds);
    try (MultiTaskModel model =
        MultiTaskModel.withNewHeads(config, tasks, setup.weights(), 7, setup.source())) {
      model.parameters().values().forEach(p -> p.setRequiresGradient(true));
      AdamW optimizer =
          new AdamW(
              model.parameters(),
              model::decays,
              0.01,
              name -> name.startsWith(TaskHead.PREFIX) ? 10 : 1);
      long[] updates = {0};
      for (String shape : shapes) {
        String[] parts = shape.split("x");
        run(
            model,
            optimizer,
            tasks,
            updates,
            Integer.parseInt(parts[0]),
            Integer.parseInt(parts[1]),
            rounds);
      }
    }
  }

  private static void run(
      MultiTaskModel model,
      AdamW optimizer,
      List<TaskSpec> tasks,
      long[] updates,
      int batch,
      int length,
      int rounds) {
    EncoderConfig config = model.encoder().config();
    try (NDManager manager = model.manager().newSubManager()) {
      Rows rows = Rows.random(batch, length, new Random(batch * 31L + length));
      Products products = new Products(manager, config, batch, length);
      double[][] pieces = new double[4][rounds];
      double[] floor = new double[rounds];
      for (int r = -WARM_UP; r < rounds; r++) {
        long t0 = System.nanoTime();
        long tb = forwardBackward(model, tasks, rows);
        long t1 = System.nanoTime();
        optimizer.clip(1.0);
        long t2 = System.nanoTime();
        optimizer.step(1e-5, ++updates[0]);
        long t3 = System.nanoTime();
        double products0 = products.run();
        if (r >= 0) {
          pieces[0][r] = (t1 - t0) / 1e9;
          pieces[3][r] = (t1 - tb) / 1e9;
          pieces[1][r] = (t2 - t1) / 1e9;
          pieces[2][r] = (t3 - t2) / 1e9;
          floor[r] = products0;
        }
      }
      double[] total = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        total[r] = pieces[0][r] + pieces[1][r] + pieces[2][r];
      }
      double update = median(total);
      double arithmetic = median(floor);
      System.out.printf(
          Locale.ROOT,
          "%dx%d: update %.3f s (forward+backward %.3f of which backward %.3f, clip %.3f, step %.3f), matrix products %.3f s"
              + " (%.1f GFLOP, %.0f GFLOP/s), update / products %.2f%n",
          batch,
          length,
          update,
          median(pieces[0]),
          median(pieces[3]),
          median(pieces[1]),
          median(pieces[2]),
          arithmetic,
          products.flops / 1e9,
          products.flops / arithmetic / 1e9,
          update / arithmetic);
    }
  }

  /** A batch of random token ids and labels, as Java arrays. */
  private record Rows(long[][] ids, long[][] mask, long[] intent, long[][] tags) {
    static Rows random(int batch, int length, Random random) {
      long[][] ids = new long[batch][length];
      long[][] mask = new long[batch][length];
      long[][] tags = new long[batch][length];
      long[] intent = new long[batch];
      for (int r = 0; r < batch; r++) {
        intent[r] = random.nextInt(7);
        for (int i = 0; i < length; i++) {
          ids[r][i] = 1000 + random.nextInt(20000);
          mask[r][i] = 1;
          tags[r][i] = random.nextInt(72);
        }
      }
      return new Rows(ids, mask, intent, tags);
    }
  }

  /**
   * One training-mode forward and backward over both heads, as the trainer runs it; returns when
   * backward began.
   */
  private static long forwardBackward(MultiTaskModel model, List<TaskSpec> tasks, Rows rows) {
    Engine engine = model.manager().getEngine();
    try (NDScope arrays = new NDScope();
        NDManager scope = model.manager().newSubManager();
        GradientCollector collector = engine.newGradientCollector()) {
      arrays.suppressNotUsedWarning();
      NDList inputs = new NDList(scope.create(rows.ids()), scope.create(rows.mask()));
      if (model.encoder().family().usesTokenTypeIds()) {
        inputs.add(scope.zeros(inputs.get(0).getShape(), inputs.get(0).getDataType()));
      }
      Map<String, NDArray> logits =
          model.forward(inputs, tasks.stream().map(TaskSpec::name).toList(), true);
      NDArray intent =
          TaskLoss.of(LossType.CROSS_ENTROPY, 1)
              .compute(logits.get("intent"), scope.create(rows.intent()));
      NDArray ner =
          TaskLoss.of(LossType.NER, 1).compute(logits.get("ner"), scope.create(rows.tags()));
      intent.getFloat();
      ner.getFloat();
      long backward = System.nanoTime();
      collector.backward(Scalars.apply(intent.add(ner), NDArray::div, 1f));
      return backward;
    }
  }

  /** The update's matrix products with random operands, created once. */
  private static final class Products {
    private final List<NDArray[]> pairs = new ArrayList<>();
    private double flops;

    Products(NDManager manager, EncoderConfig config, int batch, int length) {
      long tokens = (long) batch * length;
      int hidden = config.hiddenSize();
      int inner = config.intermediateSize();
      int heads = config.numHeads();
      int width = hidden / heads;
      for (int layer = 0; layer < config.numLayers(); layer++) {
        for (int[] linear :
            new int[][] {
              {hidden, hidden},
              {hidden, hidden},
              {hidden, hidden},
              {hidden, hidden},
              {hidden, inner},
              {inner, hidden}
            }) {
          linear(manager, tokens, linear[0], linear[1]);
        }
        long groups = (long) batch * heads;
        // scores = Q K^T and context = P V, each with two backward products of the same size
        for (int i = 0; i < 3; i++) {
          add(manager, new Shape(groups, length, width), new Shape(groups, width, length));
          add(manager, new Shape(groups, length, length), new Shape(groups, length, width));
        }
      }
    }

    /** y = x W, dx = dy W^T, dW = x^T dy. */
    private void linear(NDManager manager, long tokens, int in, int out) {
      add(manager, new Shape(tokens, in), new Shape(in, out));
      add(manager, new Shape(tokens, out), new Shape(out, in));
      add(manager, new Shape(in, tokens), new Shape(tokens, out));
    }

    private void add(NDManager manager, Shape a, Shape b) {
      pairs.add(new NDArray[] {manager.randomUniform(-1, 1, a), manager.randomUniform(-1, 1, b)});
      long[] s = a.getShape();
      long groups = s.length == 3 ? s[0] : 1;
      flops += 2.0 * groups * s[s.length - 2] * s[s.length - 1] * b.get(b.dimension() - 1);
    }

    /**
     * @return the seconds all products took
     */
    double run() {
      long t0 = System.nanoTime();
      for (NDArray[] pair : pairs) {
        pair[0].matMul(pair[1]).close();
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  private static List<String> labels(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("L" + i);
    }
    return out;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
