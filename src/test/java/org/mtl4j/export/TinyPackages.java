package org.mtl4j.export;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mtl4j.train.encoder.EncoderBlock;
import org.mtl4j.train.encoder.EncoderBlocks;
import org.mtl4j.train.heads.Heads;
import org.mtl4j.train.heads.TaskHead;
import org.mtl4j.train.reference.ProbeBatch;
import org.mtl4j.train.reference.ReferenceRecorder;
import org.mtl4j.zoo.encoder.EncoderConfig;
import org.mtl4j.zoo.encoder.HfConfigJson;
import org.mtl4j.zoo.pkg.EncoderInfo;
import org.mtl4j.zoo.pkg.Manifest;
import org.mtl4j.zoo.pkg.ModelPackage;
import org.mtl4j.zoo.pkg.PackageWriter;
import org.mtl4j.zoo.pkg.ReferenceBatch;
import org.mtl4j.zoo.pkg.ReferenceSet;
import org.mtl4j.zoo.pkg.TaskSpec;
import org.mtl4j.zoo.pkg.TaskType;
import org.mtl4j.zoo.pkg.TokenizerInfo;
import org.mtl4j.zoo.weights.FloatTensor;
import org.mtl4j.zoo.weights.RandomWeights;

/**
 * Test packages: a preset encoder with seeded random weights, seeded random heads, and reference
 * outputs recorded by the DJL encoder and heads on probe batches.
 */
public final class TinyPackages {

  /** A sentence task, a tagging task and a multi-label task. */
  public static final List<TaskSpec> THREE_TASKS =
      List.of(
          new TaskSpec(
              "intent",
              TaskType.SINGLE_SENTENCE_CLASSIFICATION,
              List.of("a", "b", "c"),
              "CrossEntropyLoss",
              1,
              List.of("classification_accuracy", "classification_f1_score"),
              0.1),
          new TaskSpec(
              "ner",
              TaskType.NER,
              List.of("O", "B-x", "I-x", "B-y", "I-y"),
              "NERLoss",
              1,
              List.of("seqeval_f1_score"),
              0.1),
          new TaskSpec(
              "topics",
              TaskType.MULTI_LABEL_CLASSIFICATION,
              List.of("p", "q", "r", "s"),
              "BCEWithLogitsLoss",
              1,
              List.of("multilabel_micro_f1"),
              0.1));

  /** A word-level tokenizer.json over the tiny vocabulary; only carried, never run, here. */
  static final String TOKENIZER_JSON =
      "{\"version\":\"1.0\",\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"[PAD]\":0,\"[UNK]\":1},"
          + "\"unk_token\":\"[UNK]\"}}";

  private TinyPackages() {}

  /**
   * Standard deviation of random head weights over a 32-wide encoder; wider encoders get it scaled
   * by {@code 32 / hidden}, which keeps logits of the same size (bert-base: 0.0083, under the 0.02
   * of transformers' initialisation).
   */
  static final double HEAD_SCALE = 0.2;

  /** Seeded random heads for the tasks. */
  static Map<String, FloatTensor> randomHeads(
      List<TaskSpec> tasks, int hidden, double scale, long seed) {
    Random random = new Random(seed);
    Map<String, FloatTensor> heads = new LinkedHashMap<>();
    for (TaskSpec t : tasks) {
      int classes = t.labels().size();
      heads.put("heads." + t.name() + ".weight", gaussian(random, scale, classes, hidden));
      heads.put("heads." + t.name() + ".bias", gaussian(random, scale, classes));
    }
    return heads;
  }

  static FloatTensor gaussian(Random random, double scale, long... shape) {
    float[] data = new float[Math.toIntExact(FloatTensor.size(shape))];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * scale);
    }
    return new FloatTensor(shape, data);
  }

  /**
   * Writes a package with seeded random heads.
   *
   * @param dir the folder
   * @param config the encoder
   * @param tasks the heads
   * @param encoder the encoder's weights (pooler included or not)
   * @param batches the probe batches
   * @param maxLength the tokenizer's maximum length
   * @return the package
   */
  public static ModelPackage write(
      Path dir,
      EncoderConfig config,
      List<TaskSpec> tasks,
      Map<String, FloatTensor> encoder,
      List<ProbeBatch> batches,
      int maxLength) {
    Map<String, FloatTensor> all = new LinkedHashMap<>(encoder);
    all.putAll(randomHeads(tasks, config.hiddenSize(), HEAD_SCALE * 32 / config.hiddenSize(), 7));
    return writeAll(dir, config, tasks, all, batches, maxLength);
  }

  /**
   * Writes a package whose reference outputs the DJL encoder and heads compute from the weights.
   *
   * @param dir the folder
   * @param config the encoder
   * @param tasks the heads
   * @param all encoder and head weights
   * @param batches the probe batches
   * @param maxLength the tokenizer's maximum length
   * @return the package
   */
  public static ModelPackage writeAll(
      Path dir,
      EncoderConfig config,
      List<TaskSpec> tasks,
      Map<String, FloatTensor> all,
      List<ProbeBatch> batches,
      int maxLength) {
    Map<String, FloatTensor> encoder = new LinkedHashMap<>(all);
    encoder.keySet().removeIf(name -> name.startsWith("heads."));
    ReferenceSet reference;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      EncoderBlock block = EncoderBlocks.withWeights(config, encoder, manager, "test");
      List<TaskHead> taskHeads =
          tasks.stream()
              .map(t -> Heads.create(t, config.hiddenSize(), all, manager, "test heads"))
              .toList();
      reference = withDevBatch(ReferenceRecorder.record(block, taskHeads, batches, manager), tasks);
    }
    ObjectNode json = HfConfigJson.toJson(config);
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT_VERSION,
            new EncoderInfo(config.family().modelType(), json),
            new TokenizerInfo("tokenizer.json", maxLength, true, config.family().padLeft()),
            tasks,
            Map.of("source", "random"),
            Map.of());
    return PackageWriter.write(dir, manifest, all, TOKENIZER_JSON, reference);
  }

  /**
   * Turns the last batch into a dev batch with seeded random gold labels for every task, so the
   * gate's metric half has something to compute.
   */
  static ReferenceSet withDevBatch(ReferenceSet set, List<TaskSpec> tasks) {
    List<ReferenceBatch> batches = new ArrayList<>(set.batches());
    ReferenceBatch last = batches.remove(batches.size() - 1);
    Random random = new Random(3);
    Map<String, long[][]> gold = new LinkedHashMap<>();
    for (TaskSpec t : tasks) {
      int rows = last.batchSize();
      int classes = t.labels().size();
      long[][] g =
          switch (t.type()) {
            case NER -> new long[rows][last.sequenceLength()];
            case MULTI_LABEL_CLASSIFICATION -> new long[rows][classes];
            default -> new long[rows][1];
          };
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < g[r].length; c++) {
          boolean token = t.type() != TaskType.NER || last.attentionMask()[r][c] == 1;
          g[r][c] =
              !token
                  ? ReferenceBatch.IGNORED
                  : t.type() == TaskType.MULTI_LABEL_CLASSIFICATION
                      ? random.nextInt(2)
                      : random.nextInt(classes);
        }
      }
      gold.put(t.name(), g);
    }
    batches.add(
        new ReferenceBatch(
            last.name(),
            ReferenceBatch.DEV,
            last.inputIds(),
            last.attentionMask(),
            last.tokenTypeIds(),
            last.outputs(),
            gold));
    return new ReferenceSet(batches);
  }

  /** A package of the encoder with seeded random weights (pooler included). */
  public static ModelPackage random(
      Path dir,
      EncoderConfig config,
      List<TaskSpec> tasks,
      List<ProbeBatch> batches,
      int maxLength) {
    return write(dir, config, tasks, RandomWeights.of(config, true, 42), batches, maxLength);
  }
}
